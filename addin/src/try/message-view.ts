// The middle column: the open email as Outlook's reading pane shows it, and under it the reply the
// pane opened (what displayReplyForm would open in Outlook), editable and never sent.
import { el, replace } from "../shared/dom";
import type { ReplyForm } from "../office-standin/office-standin";
import { htmlToText } from "./html-text";
import type { InboxEmail } from "./samples";

export class MessageView {
  readonly root = el("section", { className: "message", "aria-label": "Open email" });
  private readonly reading = el("article", { className: "reading" });
  private readonly reply = el("section", { className: "reply", id: "reply", "aria-label": "Reply", hidden: true });

  constructor() {
    replace(this.root, this.reading, this.reply);
  }

  show(email: InboxEmail): void {
    replace(
      this.reading,
      el("h2", { id: "message-subject" }, email.subject),
      el("p", { className: "message-from" }, `From: ${email.from.name} <${email.from.email}>`),
      el("div", { className: "message-body", id: "message-body" }, email.body),
    );
    this.reply.hidden = true;
    replace(this.reply);
  }

  showReply(form: ReplyForm): void {
    const to = form.item.from ? `${form.item.from.displayName} <${form.item.from.emailAddress}>` : "";
    const subject = /^re:/i.test(form.item.subject) ? form.item.subject : `RE: ${form.item.subject}`;
    replace(
      this.reply,
      el("h2", {}, form.replyAll ? "Reply all" : "Reply"),
      el("p", { className: "reply-note" }, "Outlook would open this reply with the draft in it. Here nothing is sent."),
      el("p", { className: "reply-head" }, `To: ${to}`),
      el("p", { className: "reply-head" }, `Subject: ${subject}`),
      el("label", { for: "reply-body", className: "visually-hidden" }, "Reply text"),
      el("textarea", { id: "reply-body", className: "reply-body", rows: 14, value: htmlToText(form.htmlBody) }),
    );
    this.reply.hidden = false;
    this.reply.scrollIntoView({ block: "nearest" });
  }
}
