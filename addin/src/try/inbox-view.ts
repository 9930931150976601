// The inbox column: the sample emails, each a button that opens it, and a form to paste one.
import { el, replace } from "../shared/dom";
import type { InboxEmail } from "./samples";

export interface InboxHandlers {
  open(email: InboxEmail): void;
}

export class InboxView {
  readonly root = el("nav", { className: "inbox", "aria-label": "Inbox" });
  private readonly list = el("ul", { className: "inbox-list" });
  private selected: string | null = null;
  private pasted = 0;

  constructor(
    private readonly emails: InboxEmail[],
    private readonly handlers: InboxHandlers,
  ) {
    replace(this.root, el("h2", {}, "Inbox"), this.list, this.pasteForm());
    this.render();
  }

  select(key: string): void {
    this.selected = key;
    this.render();
  }

  private render(): void {
    replace(
      this.list,
      ...this.emails.map((email) =>
        el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              className: "inbox-item",
              "aria-current": email.key === this.selected ? "true" : undefined,
              onclick: () => this.handlers.open(email),
            },
            el("span", { className: "inbox-from" }, email.from.name),
            el("span", { className: "inbox-subject" }, email.subject),
            el("span", { className: "inbox-preview" }, firstLine(email.body)),
          ),
        ),
      ),
    );
  }

  private pasteForm(): HTMLElement {
    const name = el("input", { id: "paste-name", type: "text", value: "A customer", autocomplete: "off" });
    const address = el("input", { id: "paste-email", type: "email", value: "customer@example.com", autocomplete: "off" });
    const subject = el("input", { id: "paste-subject", type: "text", autocomplete: "off" });
    const body = el("textarea", { id: "paste-body", rows: 8, required: true, placeholder: "Paste the customer's email here." });
    const form = el(
      "form",
      { className: "paste" },
      el("label", { for: "paste-body" }, "Email text"),
      body,
      el("label", { for: "paste-subject" }, "Subject"),
      subject,
      el("label", { for: "paste-name" }, "From (name)"),
      name,
      el("label", { for: "paste-email" }, "From (address)"),
      address,
      el("button", { type: "submit", className: "primary" }, "Open in the pane"),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!body.value.trim()) return;
      const email: InboxEmail = {
        key: `pasted-${++this.pasted}`,
        subject: subject.value.trim() || "(no subject)",
        from: { name: name.value.trim() || "A customer", email: address.value.trim() || "customer@example.com" },
        body: body.value,
      };
      this.emails.unshift(email);
      this.handlers.open(email);
    });
    return el("details", { className: "paste-box" }, el("summary", {}, "Paste an email"), form);
  }
}

function firstLine(text: string): string {
  // The first line after the greeting ("Hi Sam," or "Sam,").
  const line = text.split("\n").find((l) => l.trim() && !/^(hi|hello|dear)\b/i.test(l.trim()) && !/^[\w ]{1,30},$/.test(l.trim())) ?? "";
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
