import { afterEach, describe, expect, it, vi } from "vitest";
import {
  DRAFT_HEADER,
  InsertTooLargeError,
  MailboxError,
  NoItemError,
  addCc,
  insertDraft,
  onItemChanged,
  onSendLogs,
  openLink,
  originalFromReply,
  readItem,
  restItemId,
} from "../src/taskpane/mailbox";
import { HTML_BODY, installOffice, uninstallOffice } from "./fixtures";

const draft = { id: "draft-7", html: "<p>We can't do 15%.</p>", text: "We can't do 15%." };

afterEach(() => uninstallOffice());

describe("reading the item", () => {
  it("read mode: subject, sender, HTML body (as sent), item and conversation ids, and when it was written", async () => {
    const { calls } = installOffice({ mode: "read" });
    const email = await readItem();
    expect(email).toEqual({
      mode: "read",
      subject: "Renewal 2027",
      body: HTML_BODY,
      from: { name: "Priya Nair", email: "priya@northwind-foods.com" },
      itemId: "AAMk-item-1",
      conversationId: "conv-1",
      sentAt: "2026-11-10T08:30:00.000Z",
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

describe("ids, on-send and links", () => {
  it("read mode: the item id converted to REST (v2.0) where Outlook can, Outlook's own id where it cannot", async () => {
    installOffice({ mode: "read", restIds: true });
    expect((await readItem()).itemId).toBe("rest:AAMk-item-1");
    installOffice({ mode: "read" });
    expect((await readItem()).itemId).toBe("AAMk-item-1");
    expect(restItemId(undefined)).toBeUndefined();
  });

  it("keeps Outlook's id when the conversion throws", () => {
    const { office } = installOffice({ restIds: true });
    office.context.mailbox.convertToRestId = () => {
      throw new Error("not supported");
    };
    expect(restItemId("AAMk-2")).toBe("AAMk-2");
  });

  it("the on-send handler logs only a compose insert that carries the draft id, on Mailbox 1.12", () => {
    installOffice({ supported: ["Mailbox 1.12"] });
    expect(onSendLogs({ mode: "compose", headerStamped: true })).toBe(true);
    expect(onSendLogs({ mode: "compose", headerStamped: false, sessionStored: true })).toBe(true);
    expect(onSendLogs({ mode: "compose", headerStamped: false, sessionStored: false })).toBe(false);
    expect(onSendLogs({ mode: "reply", headerStamped: false })).toBe(false);
    installOffice({ supported: ["Mailbox 1.11"] });
    expect(onSendLogs({ mode: "compose", headerStamped: true, sessionStored: true })).toBe(false);
  });

  it("opens links in Office's browser window where there is one, else window.open", () => {
    const { calls } = installOffice({ browserWindow: true });
    openLink("https://outlook.office.com/mail/x");
    expect(calls.opened).toEqual(["https://outlook.office.com/mail/x"]);
    installOffice();
    const open = vi.spyOn(window, "open").mockImplementation(() => null);
    openLink("https://outlook.office.com/mail/y");
    expect(open).toHaveBeenCalledWith("https://outlook.office.com/mail/y", "_blank", "noopener");
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
