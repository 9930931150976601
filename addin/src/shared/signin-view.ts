// The signed-out and wrong-role cards of the admin and compliance pages. With Entra ID the page
// offers "Sign in with your work account"; with development tokens, the start page's "sign in as",
// the dotnet user-jwts command and a box to paste a token.
import type { TokenProvider } from "./auth";
import { el } from "./dom";

export interface SignInCopy {
  /** What the page needs, e.g. "Template administration needs the TemplateAdmin role." */
  needs: string;
  /** The dotnet user-jwts command(s) that make a development token for the page. */
  tokenCommand: string;
  /** The page's own address, e.g. /admin/. */
  pagePath: string;
}

/** The sign-in card. `onToken` runs after a development token was pasted. */
export function signInCard(tokens: TokenProvider, reason: "none" | "refused", copy: SignInCopy, onToken: () => void): HTMLElement {
  const entra = tokens.kind === "entra";
  const why = reason === "refused"
    ? el(
        "p",
        { className: "error", testid: "signin-reason" },
        entra
          ? "The API refused your sign-in: it has expired or is not for this API. Sign in again."
          : "The API refused your token: it is missing, expired or not signed with this API's key. Make a new one.",
      )
    : el("p", {}, copy.needs);
  return el(
    "section",
    { className: "card state-card", testid: "signin", role: reason === "refused" ? "alert" : undefined, "aria-labelledby": "signin-title" },
    el("h2", { id: "signin-title" }, "Sign in"),
    why,
    ...(entra ? entraSignIn(tokens) : devSignIn(tokens, copy, onToken)),
  );
}

function entraSignIn(tokens: TokenProvider): HTMLElement[] {
  return [
    el("p", {}, "Sign in with your work account."),
    el(
      "button",
      { type: "button", className: "primary", testid: "signin-entra", onclick: () => void tokens.signIn() },
      "Sign in with your work account",
    ),
  ];
}

function devSignIn(tokens: TokenProvider, copy: SignInCopy, onToken: () => void): HTMLElement[] {
  const input = el("textarea", { id: "token-input", testid: "token-input", rows: 4, spellcheck: "false", autocomplete: "off" });
  const form = el(
    "form",
    { className: "signin-form" },
    el("div", { className: "field" }, el("label", { for: "token-input" }, "Development token"), input),
    el("button", { type: "submit", className: "primary", testid: "signin-submit" }, "Sign in"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      input.focus();
      return;
    }
    tokens.setToken(token);
    onToken();
  });
  return [
    el("p", {}, "In development, choose a role on the ", el("a", { href: "/", testid: "start-link" }, "start page"), ", or make a token in the repository with:"),
    el("pre", { className: "command" }, copy.tokenCommand),
    el("p", {}, "Then open ", el("code", {}, `${copy.pagePath}?token=<token>`), " or paste the token here. It is kept in this browser until you sign out."),
    form,
  ];
}

export interface ForbiddenCopy {
  /** The heading, e.g. "Your account does not have the TemplateAdmin role". */
  title: string;
  /** What the page needs and who may use it. */
  needs: string;
  /** The command(s) that make a development token with the role. */
  tokenCommand: string;
}

/** The wrong-role card: a plain refusal, and a way to sign in as someone else. */
export function forbiddenCard(tokens: TokenProvider, name: string | undefined, copy: ForbiddenCopy, onSwitch: () => void): HTMLElement {
  const entra = tokens.kind === "entra";
  return el(
    "section",
    { className: "card state-card", testid: "forbidden", role: "alert", "aria-labelledby": "forbidden-title" },
    el("h2", { id: "forbidden-title" }, copy.title),
    el("p", {}, name ? `You are signed in as ${name}. ` : "", copy.needs),
    ...(entra
      ? [el("p", {}, "Ask whoever manages this app in Entra ID to give your account the role, then sign in again.")]
      : [el("p", {}, "In development, make a token with the role:"), el("pre", { className: "command" }, copy.tokenCommand)]),
    el(
      "button",
      { type: "button", className: "primary", testid: "use-another-token", onclick: onSwitch },
      entra ? "Sign in as someone else" : "Use another token",
    ),
  );
}

/** When a page cannot start (sign-in could not be set up): say so in plain words instead of "Loading…". */
export function showStartFailure(root: HTMLElement | null, e: unknown): void {
  if (!root) return;
  const message = e instanceof Error ? e.message : String(e);
  root.replaceChildren(
    el(
      "main",
      { className: "state-page" },
      el(
        "section",
        { className: "card state-card", role: "alert", testid: "start-failure" },
        el("h2", {}, "The page could not start"),
        el("p", {}, `Sign-in could not be set up: ${message}`),
        el("button", { type: "button", className: "primary", onclick: () => location.reload() }, "Try again"),
      ),
    ),
  );
}
