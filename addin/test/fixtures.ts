import { OfficeMockObject } from "office-addin-mock";
import type { EmailData } from "../src/taskpane/mailbox";
import type { ClassifyResponse, ConfirmSentResponse, DraftResponse, ProblemDetails, ReplyDraftResponse } from "../src/taskpane/types";

export const HTML_BODY =
  "<html><head><style>p{color:red}</style></head><body>" +
  "<div>Hi Sam,</div>" +
  "<div>Could you <b>reduce the price</b> by 15% on the $48,000 renewal? Otherwise we&#39;ll move to another supplier.</div>" +
  "<div>Best regards,<br>Priya Nair<br>Head of Finance</div></body></html>";

export function span(source: string, from: string, to: string): { text: string; start: number; length: number } {
  const start = source.indexOf(from);
  const end = source.indexOf(to, start) + to.length;
  if (start < 0 || end < start) throw new Error(`span ${from}..${to} not in source`);
  return { text: source.slice(start, end), start, length: end - start };
}

export function email(overrides: Partial<EmailData> = {}): EmailData {
  return {
    mode: "read",
    subject: "Renewal 2027",
    body: HTML_BODY,
    from: { name: "Priya Nair", email: "priya@northwind-foods.com" },
    itemId: "AAMk-item-1",
    conversationId: "conv-1",
    ...overrides,
  };
}

export function classifyResponse(overrides: Partial<ClassifyResponse> = {}): ClassifyResponse {
  return {
    primary: { category: "discount", confidence: 0.93, evidence: [span(HTML_BODY, "reduce", "15%")] },
    secondary: [{ category: "deadline", confidence: 0.612, evidence: [] }],
    flags: ["threat"],
    flagEvidence: [span(HTML_BODY, "move to", "supplier")],
    figures: [{ kind: "percent", text: "15%", value: 15 }],
    audience: { suggested: "finance", reason: "signed by the Head of Finance" },
    ...overrides,
  };
}

export function draftResponse(overrides: Partial<DraftResponse> = {}): DraftResponse {
  return {
    id: "draft-1",
    category: "discount",
    audience: "finance",
    flags: ["threat"],
    managerCopyAdvised: true,
    template: { id: "discount/finance", version: 3 },
    subject: "RE: Renewal 2027",
    html: "<p>Hi Priya,</p><p>We can&#39;t reduce the price by 15%.</p>",
    text: "Hi Priya,\n\nWe can't reduce the price by 15%.",
    dataPoints: [{ name: "requestedDiscount", label: "Requested discount", value: "15%", source: "email" }],
    missingFields: [{ name: "currentMarginPercent", label: "Current margin on this account (%)", unit: "percent" }],
    alternatives: [
      { id: "multi-year", title: "A multi-year agreement", text: "Sign for three years.", offered: true },
      { id: "smaller-scope", title: "A smaller package", text: "Fewer seats.", offered: false },
    ],
    checks: { saysNo: true, givesReason: true, citesData: false, offersAlternative: true, respectful: true },
    checkNotes: ["No figure is cited."],
    ask: { category: "discount", confidence: 0.93, evidence: [] },
    suggestedAudience: { suggested: "finance", reason: "signed by the Head of Finance" },
    classification: classifyResponse(),
    ...overrides,
  };
}

export function json(status: number, body: unknown, type = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
}

export function problem(status: number, extra: Partial<ProblemDetails> = {}): Response {
  return json(status, { status, title: `Problem ${status}`, ...extra }, "application/problem+json");
}

export interface OfficeCalls {
  replyForm: unknown[];
  replyAllForm: unknown[];
  setSelected: { data: string; options: unknown }[];
  headers: Record<string, string>[];
  cc: unknown[];
  handlers: { type: string; handler: () => void }[];
  bodyCoercion: unknown[];
  /** Office.context.ui.openBrowserWindow calls (only with `browserWindow`). */
  opened: string[];
}

export interface OfficeSetup {
  mode?: "read" | "compose";
  body?: string;
  composeBodyType?: "html" | "text";
  supported?: string[]; // e.g. ["Mailbox 1.8", "Mailbox 1.5"]
  subject?: string;
  failBody?: boolean;
  /** Adds mailbox.convertToRestId and Office.MailboxEnums.RestVersion (id -> "rest:" + id). */
  restIds?: boolean;
  /** Adds Office.context.ui.openBrowserWindow. */
  browserWindow?: boolean;
}

/** Installs an office-addin-mock `Office` global with an Outlook item in read or compose mode. */
export function installOffice(setup: OfficeSetup = {}): { office: OfficeMockObject; calls: OfficeCalls } {
  const calls: OfficeCalls = { replyForm: [], replyAllForm: [], setSelected: [], headers: [], cc: [], handlers: [], bodyCoercion: [], opened: [] };
  const ok = (value?: unknown) => ({ status: "succeeded", value });
  const mode = setup.mode ?? "read";
  const body = setup.body ?? HTML_BODY;
  const supported = new Set(setup.supported ?? ["Mailbox 1.3", "Mailbox 1.5"]);

  const bodyMock = {
    getAsync: (coercion: unknown, cb: (r: unknown) => void) => {
      calls.bodyCoercion.push(coercion);
      cb(setup.failBody ? { status: "failed", error: { message: "The item could not be read.", code: 9000 } } : ok(body));
    },
    getTypeAsync: (cb: (r: unknown) => void) => cb(ok(setup.composeBodyType ?? "html")),
    setSelectedDataAsync: (data: string, options: unknown, cb: (r: unknown) => void) => {
      calls.setSelected.push({ data, options });
      cb(ok());
    },
  };

  const item =
    mode === "read"
      ? {
          subject: setup.subject ?? "Renewal 2027",
          itemId: "AAMk-item-1",
          conversationId: "conv-1",
          dateTimeCreated: new Date("2026-11-10T08:30:00Z"),
          from: { displayName: "Priya Nair", emailAddress: "priya@northwind-foods.com" },
          body: bodyMock,
          displayReplyForm: (data: unknown) => calls.replyForm.push(data),
          displayReplyAllForm: (data: unknown) => calls.replyAllForm.push(data),
        }
      : {
          subject: { getAsync: (cb: (r: unknown) => void) => cb(ok(setup.subject ?? "RE: Renewal 2027")) },
          conversationId: "conv-1",
          to: { getAsync: (cb: (r: unknown) => void) => cb(ok([{ displayName: "Priya Nair", emailAddress: "priya@northwind-foods.com" }])) },
          cc: {
            addAsync: (recipients: unknown, cb: (r: unknown) => void) => {
              calls.cc.push(recipients);
              cb(ok());
            },
          },
          internetHeaders: {
            setAsync: (headers: Record<string, string>, cb: (r: unknown) => void) => {
              calls.headers.push(headers);
              cb(ok());
            },
          },
          body: bodyMock,
        };

  const office = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Html: "html", Text: "text" },
    EventType: { ItemChanged: "olkItemSelectedChanged" },
    ...(setup.restIds ? { MailboxEnums: { RestVersion: { v2_0: "v2.0" } } } : {}),
    context: {
      requirements: { isSetSupported: (name: string, version: string) => supported.has(`${name} ${version}`) },
      ...(setup.browserWindow ? { ui: { openBrowserWindow: (url: string) => void calls.opened.push(url) } } : {}),
      mailbox: {
        item,
        addHandlerAsync: (type: string, handler: () => void, cb: (r: unknown) => void) => {
          calls.handlers.push({ type, handler });
          cb(ok());
        },
        ...(setup.restIds ? { convertToRestId: (id: string, version: string) => (version === "v2.0" ? `rest:${id}` : id) } : {}),
      },
    },
  });
  (globalThis as Record<string, unknown>).Office = office;
  return { office, calls };
}

export function uninstallOffice(): void {
  delete (globalThis as Record<string, unknown>).Office;
}

export const XSS = "<img src=x onerror=alert(1)>";

export function replyDraftResponse(overrides: Partial<ReplyDraftResponse> = {}): ReplyDraftResponse {
  return {
    draftId: "draft-1",
    mailboxMessageId: "AAMkAD-saved-1",
    webLink: "https://outlook.office.com/mail/drafts/id/AAMkAD-saved-1",
    to: [{ name: "Priya Nair", email: "priya@northwind-foods.com" }],
    cc: [{ name: "Dana Boss", email: "dana@contoso.com" }],
    managerCopied: true,
    manager: { name: "Dana Boss", email: "dana@contoso.com" },
    ...overrides,
  };
}

export function confirmSentResponse(overrides: Partial<ConfirmSentResponse> = {}): ConfirmSentResponse {
  return {
    draftId: "draft-1",
    alreadyRecorded: false,
    sentAt: "2026-11-22T18:30:00Z",
    event: {
      id: "ev-9",
      draftId: "draft-1",
      type: "sent",
      at: "2026-11-22T18:31:00Z",
      checks: { saysNo: true, givesReason: true, citesData: true, offersAlternative: false, respectful: true },
      unchanged: false,
      reasons: ["The reply no longer offers an alternative."],
    },
    ...overrides,
  };
}
