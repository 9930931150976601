import { afterEach, describe, expect, it } from "vitest";
import {
  DRAFT_HEADER,
  InsertTooLargeError,
  MailboxError,
  NoItemError,
  addCc,
  insertDraft,
  onItemChanged,
  originalFromReply,
  readItem,
} from "../src/taskpane/mailbox";
import { HTML_BODY, installOffice, uninstallOffice } from "./fixtures";

const draft = { id: "draft-7", html: "<p>We can't do 15%.</p>", text: "We can't do 15%." };

afterEach(() => uninstallOffice());

describe("reading the item", () => {
  it("read mode: subject, sender, HTML body (as sent), item and conversation ids", async () => {
    const { calls } = installOffice({ mode: "read" });
    const email = await readItem();
    expect(email).toEqual({
      mode: "read",
      subject: "Renewal 2027",
      body: HTML_BODY,
      from: { name: "Priya Nair", email: "priya@northwind-foods.com" },
      itemId: "AAMk-item-1",
      conversationId: "conv-1",
    });
    expect(calls.bodyCoercion).toEqual(["html"]);
  });

  it("compose mode (replying): subject via getAsync, the recipient as the customer, the quoted message as the body", async () => {
    const reply =
      '<div>Draft here</div><div id="appendonsend"></div><hr>' +
      '<div id="divRplyFwdMsg"><b>From:</b> Priya Nair<br><b>Sent:</b> Monday<br><b>Subject:</b> Renewal 2027</div>' +
      "<div>Could you reduce the price by 15%?</div>";
    installOffice({ mode: "compose", body: reply });
    const email = await readItem();
    expect(email.mode).toBe("compose");
    expect(email.subject).toBe("RE: Renewal 2027");
    expect(email.from).toEqual({ name: "Priya Nair", email: "priya@northwind-foods.com" });
    expect(email.body).toBe("<div>Could you reduce the price by 15%?</div>");
    expect(email.itemId).toBeUndefined();
  });

  it("falls back to a blockquote, then to the whole body, when there is no Outlook reply header", () => {
    expect(originalFromReply("<p>hi</p><blockquote type=\"cite\"><p>Please <b>waive</b> the fee</p></blockquote>")).toBe(
      "<p>Please <b>waive</b> the fee</p>",
    );
    expect(originalFromReply("<p>Just my own words</p>")).toBe("<p>Just my own words</p>");
  });

  it("says when no item is selected, and when Outlook fails to give the body", async () => {
    const { office } = installOffice();
    office.context.mailbox.item = null;
    await expect(readItem()).rejects.toBeInstanceOf(NoItemError);
    installOffice({ failBody: true });
    await expect(readItem()).rejects.toThrow(MailboxError);
  });
});

describe("inserting the draft", () => {
  it("read mode: Insert reply opens displayReplyForm with htmlBody", async () => {
    const { calls } = installOffice({ mode: "read" });
    const result = await insertDraft(draft, "reply");
    expect(calls.replyForm).toEqual([{ htmlBody: draft.html }]);
    expect(calls.replyAllForm).toEqual([]);
    expect(result).toEqual({ mode: "reply", headerStamped: false });
  });

  it("read mode: Insert reply all opens displayReplyAllForm with htmlBody", async () => {
    const { calls } = installOffice({ mode: "read" });
    await insertDraft(draft, "replyAll");
    expect(calls.replyAllForm).toEqual([{ htmlBody: draft.html }]);
    expect(calls.replyForm).toEqual([]);
  });

  it("read mode: refuses clearly over 32 KB and opens nothing", async () => {
    const { calls } = installOffice({ mode: "read" });
    const big = { ...draft, html: "<p>" + "é".repeat(17_000) + "</p>" }; // 34 KB in UTF-8, 17k characters
    const error = await insertDraft(big, "reply").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsertTooLargeError);
    expect((error as Error).message).toMatch(/32 KB/);
    expect(calls.replyForm).toEqual([]);
  });

  it("compose mode with an HTML body inserts the HTML as HTML", async () => {
    const { calls } = installOffice({ mode: "compose", composeBodyType: "html" });
    await insertDraft(draft, "compose");
    expect(calls.setSelected).toEqual([{ data: draft.html, options: { coercionType: "html" } }]);
  });

  it("compose mode with a plain-text body inserts the text as text", async () => {
    const { calls } = installOffice({ mode: "compose", composeBodyType: "text" });
    await insertDraft(draft, "compose");
    expect(calls.setSelected).toEqual([{ data: draft.text, options: { coercionType: "text" } }]);
  });

  it("stamps the draft id header only when Mailbox 1.8 is supported", async () => {
    const without = installOffice({ mode: "compose", supported: ["Mailbox 1.3"] });
    expect((await insertDraft(draft, "compose")).headerStamped).toBe(false);
    expect(without.calls.headers).toEqual([]);

    const withIt = installOffice({ mode: "compose", supported: ["Mailbox 1.3", "Mailbox 1.8"] });
    expect((await insertDraft(draft, "compose")).headerStamped).toBe(true);
    expect(withIt.calls.headers).toEqual([{ [DRAFT_HEADER]: "draft-7" }]);
  });

  it("adds the manager to Cc in compose mode only", async () => {
    const { calls } = installOffice({ mode: "compose" });
    await addCc("boss@contoso.com");
    expect(calls.cc).toEqual([["boss@contoso.com"]]);
    installOffice({ mode: "read" });
    await expect(addCc("boss@contoso.com")).rejects.toThrow(/message being written/);
  });
});

describe("ItemChanged", () => {
  it("registers a handler when Mailbox 1.5 is supported; the handler re-reads the new item", async () => {
    const { office, calls } = installOffice({ mode: "read", subject: "First email" });
    const subjects: string[] = [];
    expect(await onItemChanged(() => void readItem().then((e) => subjects.push(e.subject)))).toBe(true);
    expect(calls.handlers.map((h) => h.type)).toEqual(["olkItemSelectedChanged"]);

    office.context.mailbox.item.subject = "Second email";
    calls.handlers[0]!.handler();
    await new Promise((r) => setTimeout(r, 0));
    expect(subjects).toEqual(["Second email"]);
  });

  it("does not register without Mailbox 1.5", async () => {
    const { calls } = installOffice({ supported: ["Mailbox 1.3"] });
    expect(await onItemChanged(() => undefined)).toBe(false);
    expect(calls.handlers).toEqual([]);
  });
});
