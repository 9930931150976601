// The /try/ page (Development only): the real Outlook pane, framed at its Outlook width, beside a small
// inbox of sample emails, with the office.js stand-in in place of Outlook (see addin/README.md). The
// framed pane.html is taskpane.html with the stand-in for office.js; the stand-in there asks this page
// for the open email (window.__sayNoTry) and hands back its control, through which this page opens
// emails in the pane and hears the replies the pane opens.
import { el, replace } from "../shared/dom";
import type { StandInHost } from "../office-standin/install";
import type { StandInControl } from "../office-standin/office-standin";
import { PANE_TOKEN_KEY as DEV_TOKEN_KEY } from "../shared/auth";
import { InboxView } from "./inbox-view";
import { MessageView } from "./message-view";
import { SAMPLES, toItem } from "./samples";
import type { InboxEmail } from "./samples";

/** The Mailbox requirement set the stand-in reports: Outlook on the web's, enough to follow the selection (1.5). */
const MAILBOX = "1.8";

/** ?token= (then kept, and taken out of the address bar) or the one kept before; null when signed out. */
function takeToken(): string | null {
  const url = new URL(location.href);
  const fromAddress = url.searchParams.get("token");
  if (fromAddress) {
    try {
      localStorage.setItem(DEV_TOKEN_KEY, fromAddress);
    } catch {
      /* storage off: the pane still gets the token through its own address */
    }
    url.searchParams.delete("token");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
    return fromAddress;
  }
  try {
    return localStorage.getItem(DEV_TOKEN_KEY);
  } catch {
    return null;
  }
}

function header(): HTMLElement {
  return el(
    "header",
    { className: "try-header" },
    el("h1", {}, "Say no, without Outlook"),
    el(
      "p",
      {},
      "The pane on the right is the real Outlook pane; this page stands in for Outlook around it. Open an email from the inbox " +
        "or paste one: the pane reads it and drafts a reply. Change the audience or the kind, edit the draft, then choose " +
        "Insert reply: the reply opens under the email. Nothing is sent.",
    ),
  );
}

function signInHelp(): HTMLElement {
  return el(
    "main",
    { className: "try-signin", id: "sign-in-help" },
    el("h2", {}, "Sign in to try the pane"),
    el("p", {}, "Open the ", el("a", { href: "/" }, "start page"), " and choose to sign in as an account manager: it brings you back here signed in."),
    el("p", {}, "Or make a development token in a terminal, in the api folder:"),
    el("pre", {}, 'dotnet user-jwts create --role AccountManager --name "Sam Porter" -o token'),
    el("p", {}, "and open this page as /try/?token= followed by the token."),
  );
}

function start(root: HTMLElement): void {
  const token = takeToken();
  if (!token) {
    replace(root, header(), signInHelp());
    return;
  }

  const emails: InboxEmail[] = [...SAMPLES];
  const message = new MessageView();
  let control: StandInControl | null = null;
  const host: StandInHost = {
    config: { requirements: { Mailbox: MAILBOX }, item: null },
    attach(standIn) {
      control = standIn;
      standIn.onReply((reply) => message.showReply(reply));
    },
  };
  const open = (email: InboxEmail): void => {
    host.config.item = toItem(email);
    inbox.select(email.key);
    message.show(email);
    // Before the pane has loaded there is no control yet: it starts on host.config.item.
    control?.selectItem(host.config.item);
  };
  const inbox = new InboxView(emails, { open });
  (window as unknown as { __sayNoTry?: StandInHost }).__sayNoTry = host;
  const first = emails[0];
  if (first) open(first);

  const frame = el("iframe", { id: "pane", className: "pane-frame", title: "Say no pane", src: `pane.html?token=${encodeURIComponent(token)}` });
  replace(root, header(), el("div", { className: "try-grid" }, inbox.root, message.root, el("section", { className: "pane", "aria-label": "Say no pane" }, frame)));
}

const root = document.getElementById("app");
if (root) start(root);
