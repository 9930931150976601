// The start page (/): what OutlookSayNo is and where its pages are. In Development each page has a
// "sign in as" button that mints a development token (POST /dev/token) and opens the page with it;
// with Entra ID the links show once the visitor has signed in with a work account.
import { loadConfig, readClaims, safeStorage } from "../shared/auth";
import { el, replace } from "../shared/dom";
import { entraTokenProvider } from "../shared/entra";
import { showStartFailure } from "../shared/signin-view";
import { mintDevToken, PLACES, signInAddress, type Place } from "./places";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const config = await loadConfig();
  const page = el("main", { className: "start" });
  replace(root, el("header", { className: "topbar" }, el("h1", {}, "OutlookSayNo")), page);
  replace(page, intro());
  if (!config) {
    page.append(places(true));
    return;
  }
  const tokens = await entraTokenProvider(config);
  const token = await tokens.getToken();
  if (!token) {
    page.append(
      el(
        "section",
        { className: "card", testid: "start-signin" },
        el("h2", {}, "Sign in"),
        el("p", {}, "Sign in with your work account to see the pages your roles open."),
        el("button", { type: "button", className: "primary", testid: "signin-entra", onclick: () => void tokens.signIn() }, "Sign in with your work account"),
      ),
    );
    return;
  }
  const name = readClaims(token)?.name;
  page.append(el("p", { className: "muted", testid: "user" }, name ? `Signed in as ${name}.` : "Signed in."), places(false));
}

function intro(): HTMLElement {
  return el(
    "section",
    { className: "card intro" },
    el("h2", {}, "Say no to a customer, well"),
    el(
      "p",
      {},
      "OutlookSayNo is an Outlook add-in for account managers. Its pane reads the open customer email and drafts a reply " +
        "that says no clearly, gives the reason with figures for the reader, and offers alternatives.",
    ),
    el("p", {}, "Template admins keep the wording and the figures; compliance reviewers read a tamper-evident log of every draft."),
  );
}

function places(development: boolean): HTMLElement {
  return el(
    "section",
    { className: "card" },
    el("h2", {}, "Open"),
    el("ul", { className: "places" }, ...PLACES.filter((p) => development || !p.developmentOnly).map((p) => place(p, development))),
  );
}

function place(p: Place, development: boolean): HTMLElement {
  const status = el("p", { className: "error", role: "status", hidden: true });
  const signIn = development && p.role
    ? el(
        "button",
        {
          type: "button",
          className: "primary",
          testid: `sign-in-as-${p.role}`,
          onclick: async (event: Event) => {
            const button = event.currentTarget as HTMLButtonElement;
            button.disabled = true;
            status.hidden = true;
            try {
              const token = await mintDevToken(p.role!);
              if (p.storageKey) safeStorage()?.setItem(p.storageKey, token);
              location.assign(signInAddress(p, token));
            } catch (e) {
              status.textContent = e instanceof Error ? e.message : String(e);
              status.hidden = false;
              button.disabled = false;
            }
          },
        },
        `Sign in as ${p.roleLabel}`,
      )
    : null;
  return el(
    "li",
    { className: "place", testid: `place-${p.id}` },
    el("div", {}, el("h3", {}, el("a", { href: p.path }, p.title)), el("p", { className: "muted" }, p.what), status),
    signIn,
  );
}

void boot().catch((e: unknown) => showStartFailure(document.getElementById("app"), e));
