import { describe, expect, it } from "vitest";
import { createOfficeStandIn, versionAtLeast } from "../src/office-standin/office-standin";
import type { ReplyForm } from "../src/office-standin/office-standin";
import { htmlToText, textToHtml } from "../src/try/html-text";

type Item = { subject: unknown; displayReplyForm(form: unknown): void; body: { getAsync(type: string, cb: (r: { status: string; value: unknown }) => void): void } };
type Mailbox = { item: Item | null; addHandlerAsync(type: string, handler: () => void, cb?: () => void): void };
type StandIn = { context: { mailbox: Mailbox; requirements: { isSetSupported(name: string, version?: string): boolean } }; EventType: { ItemChanged: string } };

const email = { subject: "Renewal", body: "<p>Could you take 15% off?</p>", from: { displayName: "Priya Nair", emailAddress: "priya@northwind-foods.com" } };

describe("the office.js stand-in", () => {
  it("answers requirement sets from its settings, by version", () => {
    const office = createOfficeStandIn({ requirements: { Mailbox: "1.8" } }).office as StandIn;
    expect(office.context.requirements.isSetSupported("Mailbox", "1.5")).toBe(true);
    expect(office.context.requirements.isSetSupported("Mailbox", "1.10")).toBe(false);
    expect(office.context.requirements.isSetSupported("NestedAppAuth", "1.1")).toBe(false);
    expect(versionAtLeast("1.10", "1.8")).toBe(true);
  });

  it("gives the body on a later turn, as Outlook does", async () => {
    const office = createOfficeStandIn({ item: email }).office as StandIn;
    let answered = false;
    const body = new Promise((resolve) =>
      office.context.mailbox.item!.body.getAsync("html", (r) => {
        answered = true;
        resolve(r.value);
      }),
    );
    expect(answered).toBe(false);
    expect(await body).toBe(email.body);
  });

  it("opens another item and raises ItemChanged; hands reply forms to its listeners and records the calls", () => {
    const { office, control } = createOfficeStandIn({ requirements: { Mailbox: "1.8" }, item: email });
    const mailbox = (office as StandIn).context.mailbox;
    let changed = 0;
    mailbox.addHandlerAsync((office as StandIn).EventType.ItemChanged, () => changed++);
    const replies: ReplyForm[] = [];
    control.onReply((r) => replies.push(r));

    control.selectItem({ ...email, subject: "Deadline" });
    expect(changed).toBe(1);
    expect(mailbox.item!.subject).toBe("Deadline");

    mailbox.item!.displayReplyForm({ htmlBody: "<p>No, sorry.</p>" });
    expect(replies).toEqual([{ replyAll: false, htmlBody: "<p>No, sorry.</p>", item: { ...email, subject: "Deadline" } }]);
    expect(control.calls.map((c) => c.method)).toEqual(["mailbox.addHandlerAsync", "displayReplyForm"]);
  });
});

describe("the try page's text and HTML", () => {
  it("turns a pasted email into paragraphs, escaping what looks like markup", () => {
    expect(textToHtml("Hi Sam,\n\nA <b> & B\nline two")).toBe("<p>Hi Sam,</p><p>A &lt;b&gt; &amp; B<br>line two</p>");
  });

  it("shows a reply's HTML as text a person reads, without running or keeping any markup", () => {
    const text = htmlToText("<p>Hi Priya,</p><p>We can't.<br>Here is why:</p><ul><li>One</li><li>Two</li></ul><script>alert(1)</script><p>Best,<br>Sam</p>");
    expect(text).toBe("Hi Priya,\n\nWe can't.\nHere is why:\n\n• One\n• Two\n\nBest,\nSam");
  });
});
