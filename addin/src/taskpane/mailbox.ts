// Reading the open Outlook item and inserting the draft into it. Uses the global `Office`
// (office.js, or office-addin-mock in tests). Mailbox 1.3 is the floor; newer APIs are used
// only after Office.context.requirements.isSetSupported.
import { DRAFT_HEADER, DRAFT_SESSION_KEY } from "../shared/handoff";
import type { EmailAddress, InsertMode } from "./types";

export { DRAFT_HEADER, DRAFT_SESSION_KEY };

export type ItemMode = "read" | "compose";

export interface EmailData {
  mode: ItemMode;
  subject: string;
  /** The body exactly as it is sent to the API (evidence offsets index this string). */
  body: string;
  from?: EmailAddress;
  itemId?: string;
  conversationId?: string;
  /** When the customer's message was written (ISO 8601), in read mode: "by Friday" counts from that day. */
  sentAt?: string;
}

export interface DraftToInsert {
  id: string;
  html: string;
  text: string;
}

export interface InsertResult {
  mode: InsertMode;
  /** True when the compose item was stamped with the x-outlooksayno-draft-id header (Mailbox 1.8). */
  headerStamped: boolean;
  /** Compose mode only: true when the draft id was also put in the item's session data (Mailbox 1.11). */
  sessionStored?: boolean;
}

/** displayReplyForm / displayReplyAllForm take at most 32 KB of htmlBody. */
export const MAX_REPLY_HTML_BYTES = 32 * 1024;

export class NoItemError extends Error {
  constructor() {
    super("No email is open. Select an email to say no to.");
    this.name = "NoItemError";
  }
}

export class MailboxError extends Error {
  constructor(message: string, readonly code?: number) {
    super(message);
    this.name = "MailboxError";
  }
}

export class InsertTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(
      `The draft is ${Math.ceil(bytes / 1024)} KB; Outlook opens a reply with at most 32 KB. ` +
        "Offer fewer alternatives or shorten the text, or open the reply yourself and insert it there.",
    );
    this.name = "InsertTooLargeError";
  }
}

type AnyItem = Office.MessageRead & Office.MessageCompose;

function mailbox(): Office.Mailbox | undefined {
  if (typeof Office === "undefined") return undefined;
  return Office.context?.mailbox;
}

function currentItem(): AnyItem {
  const item = mailbox()?.item as AnyItem | null | undefined;
  if (!item) throw new NoItemError();
  return item;
}

export function isSetSupported(name: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported(name, version) === true;
  } catch {
    return false;
  }
}

/** Compose items expose subject/body/recipients as objects with async getters; read items as values. */
export function itemMode(item: unknown): ItemMode {
  const subject = (item as { subject?: unknown }).subject;
  return typeof subject === "object" && subject !== null ? "compose" : "read";
}

export function currentMode(): ItemMode | undefined {
  const item = mailbox()?.item;
  return item ? itemMode(item) : undefined;
}

/** Wraps an office.js callback API in a promise that rejects when the call fails. */
export function officeCall<T>(invoke: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
        else reject(new MailboxError(result.error?.message ?? "Outlook could not complete the request.", result.error?.code));
      });
    } catch (e) {
      reject(e instanceof Error ? new MailboxError(e.message) : new MailboxError(String(e)));
    }
  });
}

/** Reads subject, sender, body (HTML) and ids of the open item. */
export async function readItem(): Promise<EmailData> {
  const item = currentItem();
  const body = await officeCall<string>((cb) => item.body.getAsync(Office.CoercionType.Html, cb));
  if (itemMode(item) === "read") {
    const sender = item.from ?? item.sender;
    return {
      mode: "read",
      subject: item.subject ?? "",
      body,
      from: sender ? { name: sender.displayName, email: sender.emailAddress } : undefined,
      itemId: restItemId(item.itemId),
      conversationId: item.conversationId || undefined,
      ...sentAt(item.dateTimeCreated),
    };
  }

  // Compose (replying): the customer's message is the quoted one, and the customer is the recipient.
  const subject = await officeCall<string>((cb) => item.subject.getAsync(cb));
  let to: Office.EmailAddressDetails[] = [];
  try {
    to = await officeCall<Office.EmailAddressDetails[]>((cb) => item.to.getAsync(cb));
  } catch {
    to = [];
  }
  const customer = to[0];
  return {
    mode: "compose",
    subject: subject ?? "",
    body: originalFromReply(body),
    from: customer ? { name: customer.displayName, email: customer.emailAddress } : undefined,
    itemId: undefined,
    conversationId: item.conversationId || undefined,
  };
}

/** The message's date as ISO 8601, when the host gives a real one. */
function sentAt(created: Date | undefined): { sentAt?: string } {
  return created instanceof Date && !Number.isNaN(created.getTime()) ? { sentAt: created.toISOString() } : {};
}

/**
 * The item's id in the REST format Microsoft Graph takes (the API reads large emails and creates reply
 * drafts by this id). Outlook's own (EWS) id is kept where convertToRestId is missing or fails: some hosts
 * already give REST ids, and tests have no conversion.
 */
export function restItemId(id: string | undefined | null): string | undefined {
  if (!id) return undefined;
  try {
    const mb = mailbox();
    const v2 = mb ? Office.MailboxEnums?.RestVersion?.v2_0 : undefined;
    if (mb && v2 !== undefined && typeof mb.convertToRestId === "function") return mb.convertToRestId(id, v2) || id;
  } catch {
    /* keep Outlook's id */
  }
  return id;
}

/**
 * In a reply being composed, the message to say no to is quoted below the reply header
 * (Outlook's #divRplyFwdMsg, or a blockquote in other clients). Returns that part as HTML, so
 * the API reads the customer's words as the newest message; the whole body when there is no quote.
 */
export function originalFromReply(html: string): string {
  if (typeof DOMParser === "undefined") return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  const header = doc.getElementById("divRplyFwdMsg");
  if (header) {
    const parts: string[] = [];
    for (let node: Node | null = header; node && node !== doc.body; node = node.parentNode) {
      for (let next = node.nextSibling; next; next = next.nextSibling) parts.push(serialize(next));
      if (parts.join("").trim()) break;
    }
    const quoted = parts.join("");
    if (quoted.trim()) return quoted;
  }
  const quote = doc.querySelector("blockquote[type=cite], .gmail_quote, blockquote");
  if (quote && (quote.textContent ?? "").trim()) return quote.innerHTML;
  return html;
}

function serialize(node: Node): string {
  if (node.nodeType === Node.ELEMENT_NODE) return (node as Element).outerHTML;
  if (node.nodeType === Node.TEXT_NODE) return escapeText(node.textContent ?? "");
  return "";
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Read mode: opens the reply (or reply-all) form with the draft HTML, refusing over 32 KB.
 * Compose mode: inserts at the cursor as HTML or text to match the body, then leaves the draft id
 * on the item for the on-send handler: the header where Mailbox 1.8 is supported and the session
 * data where Mailbox 1.11 is. A reply form opened from read mode is a new item the pane cannot
 * reach, so it carries neither: it is matched only if the pane, opened in that reply, inserts again.
 */
export async function insertDraft(draft: DraftToInsert, mode: InsertMode): Promise<InsertResult> {
  const item = currentItem();
  if (itemMode(item) === "read") {
    if (mode === "compose") throw new MailboxError("This email is open for reading: use Insert reply or Insert reply all.");
    const bytes = utf8Bytes(draft.html);
    if (bytes > MAX_REPLY_HTML_BYTES) throw new InsertTooLargeError(bytes);
    if (mode === "replyAll") item.displayReplyAllForm({ htmlBody: draft.html });
    else item.displayReplyForm({ htmlBody: draft.html });
    return { mode, headerStamped: false };
  }

  const bodyType = await officeCall<Office.CoercionType>((cb) => item.body.getTypeAsync(cb));
  if (bodyType === Office.CoercionType.Html) {
    await officeCall<void>((cb) => item.body.setSelectedDataAsync(draft.html, { coercionType: Office.CoercionType.Html }, cb));
  } else {
    await officeCall<void>((cb) => item.body.setSelectedDataAsync(draft.text, { coercionType: Office.CoercionType.Text }, cb));
  }
  const headerStamped = await stampDraftHeader(item, draft.id);
  const sessionStored = await storeDraftSession(item, draft.id);
  return { mode: "compose", headerStamped, sessionStored };
}

async function stampDraftHeader(item: AnyItem, draftId: string): Promise<boolean> {
  if (!isSetSupported("Mailbox", "1.8") || !item.internetHeaders) return false;
  try {
    await officeCall<void>((cb) => item.internetHeaders.setAsync({ [DRAFT_HEADER]: draftId }, cb));
    return true;
  } catch {
    return false; // the draft is inserted; the header is a convenience for matching the sent mail
  }
}

async function storeDraftSession(item: AnyItem, draftId: string): Promise<boolean> {
  if (!isSetSupported("Mailbox", "1.11") || !item.sessionData || typeof item.sessionData.setAsync !== "function") return false;
  try {
    await officeCall<void>((cb) => item.sessionData.setAsync(DRAFT_SESSION_KEY, draftId, cb));
    return true;
  } catch {
    return false; // as with the header: the draft is inserted; this only helps match the sent mail
  }
}

/** Compose mode only: adds the manager to Cc. */
export async function addCc(email: string, name?: string): Promise<void> {
  const item = currentItem();
  if (itemMode(item) !== "compose") throw new MailboxError("Cc can only be added to a message being written.");
  await officeCall<void>((cb) =>
    item.cc.addAsync([name ? { displayName: name, emailAddress: email } : email] as Office.EmailAddressDetails[] | string[], cb),
  );
}

/**
 * Whether the on-send handler will log the send of what was just inserted. It needs the OnMessageSend
 * event (Mailbox 1.12; there is no other signal that the host raises it) and the draft id on the item
 * (header or session data). A reply form opened from read mode is an item the pane cannot reach, so it
 * never carries the id: its send is not logged on any host. When this is false the pane offers
 * "check Sent Items" (confirm-sent) instead.
 */
export function onSendLogs(result: InsertResult): boolean {
  return result.mode === "compose" && (result.headerStamped || result.sessionStored === true) && isSetSupported("Mailbox", "1.12");
}

/** Opens a web page outside the pane: Office's browser window where there is one, else a new window. */
export function openLink(url: string): void {
  try {
    if (typeof Office !== "undefined" && typeof Office.context?.ui?.openBrowserWindow === "function") {
      Office.context.ui.openBrowserWindow(url);
      return;
    }
  } catch {
    /* fall back to the browser */
  }
  globalThis.open?.(url, "_blank", "noopener");
}

/** Follows a pinned pane to the newly selected item (Mailbox 1.5). Returns false when unsupported. */
export async function onItemChanged(handler: () => void): Promise<boolean> {
  const mb = mailbox();
  if (!mb || !isSetSupported("Mailbox", "1.5") || typeof mb.addHandlerAsync !== "function") return false;
  try {
    await officeCall<void>((cb) => mb.addHandlerAsync(Office.EventType.ItemChanged, () => handler(), cb));
    return true;
  } catch {
    return false;
  }
}

/** The port the pane controller uses; the functions above by default, a fake in tests. */
export interface MailboxPort {
  readItem(): Promise<EmailData>;
  insertDraft(draft: DraftToInsert, mode: InsertMode): Promise<InsertResult>;
  addCc(email: string): Promise<void>;
  currentMode(): ItemMode | undefined;
  onSendLogs(result: InsertResult): boolean;
  openLink(url: string): void;
}

export const officeMailbox: MailboxPort = { readItem, insertDraft, addCc: (email) => addCc(email), currentMode, onSendLogs, openLink };
