// Save in Outlook: Save to Drafts (POST /api/drafts/{id}/reply-draft), "check Sent Items"
// (POST /api/drafts/{id}/confirm-sent), their problem types, and drafting a large email by id.
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAILBOX_PROBLEMS, SayNoApi } from "../src/taskpane/api";
import { officeMailbox } from "../src/taskpane/mailbox";
import { Pane } from "../src/taskpane/pane";
import type { DraftRequest, ReplyDraftRequest } from "../src/taskpane/types";
import { CONFIRM_SENT, MAILBOX_UNAVAILABLE_TEXT, SAVE_WITHOUT_CC, SAVE_WITH_CC } from "../src/taskpane/view";
import {
  XSS,
  classifyResponse,
  confirmSentResponse,
  draftResponse,
  installOffice,
  json,
  problem,
  replyDraftResponse,
  uninstallOffice,
} from "./fixtures";

type Route = (body: unknown) => Response | Promise<Response>;
interface Sent {
  path: string;
  method: string;
  body: unknown;
  headers: Record<string, string>;
}

const REPLY_DRAFT = "/api/drafts/draft-1/reply-draft";
const CONFIRM = "/api/drafts/draft-1/confirm-sent";
const EVENTS = "/api/drafts/draft-1/events";

function setup(routes: Record<string, Route>, officeSetup: Parameters<typeof installOffice>[0] = {}) {
  const office = installOffice(officeSetup);
  const requests: Sent[] = [];
  const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    const raw = init?.body as string | undefined;
    requests.push({ path, method: init?.method ?? "GET", body: raw === undefined ? undefined : JSON.parse(raw), headers: { ...(init?.headers as Record<string, string>) } });
    const route = routes[path];
    return route ? route(raw === undefined ? undefined : JSON.parse(raw)) : problem(404);
  });
  const api = new SayNoApi({ baseUrl: "http://localhost:5180", tokens: { getToken: async () => "tok-1" }, fetch: fetchMock as typeof fetch });
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.appendChild(root);
  const auth = { signIn: vi.fn(async () => "tok-2"), signInForMailbox: vi.fn(async (_claims?: string) => "tok-2") };
  const pane = new Pane({ root, api, mailbox: officeMailbox, auth, debounceMs: 20 });
  const to = (path: string) => requests.filter((r) => r.path === path);
  return { pane, root, requests, office, auth, to };
}

const base: Record<string, Route> = {
  "/api/classify": () => json(200, classifyResponse()),
  "/api/drafts": () => json(200, draftResponse()),
  [EVENTS]: () => json(201, { id: "ev-1", draftId: "draft-1", type: "inserted", at: "2026-11-22T18:00:00Z" }),
  [REPLY_DRAFT]: () => json(201, replyDraftResponse()),
  [CONFIRM]: () => json(200, confirmSentResponse()),
};

const buttons = (root: HTMLElement, scope = "") => [...root.querySelectorAll<HTMLButtonElement>(`${scope} button`)];
const button = (root: HTMLElement, label: string) => buttons(root).find((b) => b.textContent === label);
const section = (root: HTMLElement) => root.querySelector<HTMLElement>("#outlook-drafts");
const status = (root: HTMLElement) => root.querySelector("#status")?.textContent ?? "";
const mailboxProblem = (status: number, type: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type, status, title: `Problem ${status}`, ...extra }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });

afterEach(() => uninstallOffice());

describe("Save to Drafts", () => {
  it("read mode: offers both saves, the Cc one first and primary when the draft advises copying the manager", async () => {
    const { pane, root } = setup(base);
    await pane.start();
    const saves = buttons(root, "#outlook-drafts").filter((b) => b.textContent?.startsWith("Save to Drafts"));
    expect(saves.map((b) => [b.textContent, b.className])).toEqual([
      [SAVE_WITH_CC, "primary"],
      [SAVE_WITHOUT_CC, "secondary"],
    ]);
    // The banner no longer says Outlook cannot add Cc: it points at the save, and asks for no address.
    expect(root.querySelector(".banner")?.textContent).toContain(SAVE_WITH_CC);
    expect(root.querySelector("#manager-email")).toBeNull();
  });

  it("without threats or abuse the plain save leads and both are secondary", async () => {
    const { pane, root } = setup({ ...base, "/api/drafts": () => json(200, draftResponse({ managerCopyAdvised: false, flags: [] })) });
    await pane.start();
    const saves = buttons(root, "#outlook-drafts").filter((b) => b.textContent?.startsWith("Save to Drafts"));
    expect(saves.map((b) => [b.textContent, b.className])).toEqual([
      [SAVE_WITHOUT_CC, "secondary"],
      [SAVE_WITH_CC, "secondary"],
    ]);
  });

  it("is not offered in compose mode (the reply is already being written)", async () => {
    const { pane, root } = setup(base, { mode: "compose", body: "<div>Cut the price by 15% or we leave.</div>" });
    await pane.start();
    expect(button(root, SAVE_WITH_CC)).toBeUndefined();
    expect(section(root)).toBeNull();
  });

  it("with Cc: POSTs reply-draft with the bearer token and {messageId, replyAll, ccManager}, records no inserted event itself", async () => {
    const { pane, root, to } = setup(base);
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#saved")).not.toBeNull());
    const [request] = to(REPLY_DRAFT);
    expect(request).toMatchObject({ method: "POST", headers: { Authorization: "Bearer tok-1", "Content-Type": "application/json" } });
    expect(request!.body).toEqual({ messageId: "AAMk-item-1", replyAll: false, ccManager: true } satisfies ReplyDraftRequest);
    expect(to(EVENTS)).toHaveLength(0);
  });

  it("without Cc: ccManager is false", async () => {
    const { pane, root, to } = setup({ ...base, [REPLY_DRAFT]: () => json(201, replyDraftResponse({ cc: [], managerCopied: false, manager: null })) });
    await pane.start();
    button(root, SAVE_WITHOUT_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#saved")?.textContent).toContain("Saved to your Drafts folder."));
    expect(to(REPLY_DRAFT)[0]!.body).toEqual({ messageId: "AAMk-item-1", replyAll: false, ccManager: false });
    expect(root.querySelector("#saved p")?.textContent).toBe("Saved to your Drafts folder.");
  });

  it("sends the REST id of the email when Outlook can convert it", async () => {
    const { pane, root, to } = setup(base, { restIds: true });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(to(REPLY_DRAFT)).toHaveLength(1));
    expect((to(REPLY_DRAFT)[0]!.body as ReplyDraftRequest).messageId).toBe("rest:AAMk-item-1");
    expect((to("/api/drafts")[0]!.body as DraftRequest).email.itemId).toBe("rest:AAMk-item-1");
  });

  it("while saving: both buttons disabled and a status line; then the result, Open in Outlook and check Sent Items", async () => {
    let answer!: (r: Response) => void;
    const { pane, root, office, to } = setup({ ...base, [REPLY_DRAFT]: () => new Promise<Response>((r) => (answer = r)) }, { browserWindow: true });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    button(root, SAVE_WITHOUT_CC)!.click(); // a second click before the first answer saves nothing more
    await vi.waitFor(() => expect(status(root)).toBe("Saving the reply to your Drafts folder…"));
    expect(buttons(root, "#outlook-drafts").filter((b) => b.textContent?.startsWith("Save to Drafts")).map((b) => b.disabled)).toEqual([true, true]);
    expect(section(root)!.getAttribute("aria-busy")).toBe("true");

    answer(json(201, replyDraftResponse()));
    await vi.waitFor(() => expect(root.querySelector("#saved")).not.toBeNull());
    expect(to(REPLY_DRAFT)).toHaveLength(1);
    expect(root.querySelector("#saved p")?.textContent).toBe("Saved to your Drafts folder (Cc: Dana Boss <dana@contoso.com>).");
    expect(status(root)).toBe("Saved to your Drafts folder.");
    expect(button(root, SAVE_WITH_CC)).toBeUndefined(); // saved once: no second draft
    const link = root.querySelector<HTMLAnchorElement>("#open-in-outlook")!;
    expect(link.textContent).toBe("Open in Outlook");
    link.click();
    expect(office.calls.opened).toEqual(["https://outlook.office.com/mail/drafts/id/AAMkAD-saved-1"]);
    expect(button(root, CONFIRM_SENT)).toBeDefined();
  });

  it("Open in Outlook falls back to window.open without Office's browser window; no link when webLink is null or not https", async () => {
    const open = vi.spyOn(window, "open").mockImplementation(() => null);
    const { pane, root } = setup(base);
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#open-in-outlook")).not.toBeNull());
    root.querySelector<HTMLAnchorElement>("#open-in-outlook")!.click();
    expect(open).toHaveBeenCalledWith("https://outlook.office.com/mail/drafts/id/AAMkAD-saved-1", "_blank", "noopener");

    for (const webLink of [null, "javascript:alert(1)"]) {
      const again = setup({ ...base, [REPLY_DRAFT]: () => json(201, replyDraftResponse({ webLink })) });
      await again.pane.start();
      button(again.root, SAVE_WITH_CC)!.click();
      await vi.waitFor(() => expect(again.root.querySelector("#saved")).not.toBeNull());
      expect(again.root.querySelector("#open-in-outlook"), String(webLink)).toBeNull();
    }
  });

  it("replies to all when the user chose Insert reply all for this email, or ticks Reply all", async () => {
    const { pane, root, to } = setup(base);
    await pane.start();
    expect(root.querySelector<HTMLInputElement>("#save-reply-all")!.checked).toBe(false);
    button(root, "Insert reply all")!.click();
    await vi.waitFor(() => expect(root.querySelector<HTMLInputElement>("#save-reply-all")!.checked).toBe(true));
    button(root, SAVE_WITHOUT_CC)!.click();
    await vi.waitFor(() => expect(to(REPLY_DRAFT)).toHaveLength(1));
    expect(to(REPLY_DRAFT)[0]!.body).toMatchObject({ replyAll: true });

    // Another email: the box starts unticked; ticking it replies to all, unticking it again to the sender.
    const other = setup(base);
    await other.pane.start();
    const box = other.root.querySelector<HTMLInputElement>("#save-reply-all")!;
    expect(box.checked).toBe(false);
    box.click(); // ticked
    box.click(); // unticked
    button(other.root, SAVE_WITHOUT_CC)!.click();
    await vi.waitFor(() => expect(other.to(REPLY_DRAFT)).toHaveLength(1));
    expect(other.to(REPLY_DRAFT)[0]!.body).toMatchObject({ replyAll: false });
  });

  it("saves the newest draft: a pending change is drafted first", async () => {
    let n = 0;
    const routes = { ...base, "/api/drafts": () => json(200, draftResponse({ id: `d${++n}` })), "/api/drafts/d2/reply-draft": () => json(201, replyDraftResponse({ draftId: "d2" })) };
    const { pane, to } = setup(routes);
    await pane.start();
    pane.change({ audience: "commercial" });
    await pane.saveToDrafts(true);
    expect(to("/api/drafts/d2/reply-draft")).toHaveLength(1);
  });

  it("puts the manager's name, the link and the server's words in the pane as text, never as markup", async () => {
    const { pane, root } = setup({
      ...base,
      [REPLY_DRAFT]: () => json(201, replyDraftResponse({ cc: [{ name: XSS, email: "dana@contoso.com" }], manager: { name: XSS, email: "dana@contoso.com" } })),
      [CONFIRM]: () => json(200, confirmSentResponse({ event: { ...confirmSentResponse().event!, reasons: [`<script>alert(2)</script>`] } })),
    });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#saved")).not.toBeNull());
    expect(root.querySelector("#saved p")?.textContent).toBe(`Saved to your Drafts folder (Cc: ${XSS} <dana@contoso.com>).`);
    button(root, CONFIRM_SENT)!.click();
    await vi.waitFor(() => expect(root.querySelector("#confirmed")).not.toBeNull());
    expect(root.querySelector("#confirmed")?.textContent).toContain("<script>alert(2)</script>");
    expect(root.querySelector("img, script")).toBeNull();
  });

  it("shows a problem's detail as text (mailbox-failed)", async () => {
    const { pane, root } = setup({ ...base, [REPLY_DRAFT]: () => mailboxProblem(502, MAILBOX_PROBLEMS.failed, { detail: `Graph said ${XSS}` }) });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice")).not.toBeNull());
    expect(root.querySelector("#save-notice")?.textContent).toBe(`Graph said ${XSS}`);
    expect(root.querySelector("img")).toBeNull();
  });
});

describe("Save to Drafts: problems", () => {
  it("mailbox-unavailable (503): the buttons go, for this and the next email, and the pane says Insert reply still works", async () => {
    const { pane, root, to, office } = setup({ ...base, [REPLY_DRAFT]: () => mailboxProblem(503, MAILBOX_PROBLEMS.unavailable, { detail: "Mailbox access is not configured." }) });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#mailbox-unavailable")).not.toBeNull());
    expect(root.querySelector("#mailbox-unavailable")?.textContent).toBe(MAILBOX_UNAVAILABLE_TEXT);
    expect(MAILBOX_UNAVAILABLE_TEXT).toContain("Insert reply still works");
    expect(status(root)).toBe(MAILBOX_UNAVAILABLE_TEXT);
    expect(buttons(root).filter((b) => b.textContent?.startsWith("Save to Drafts"))).toHaveLength(0);
    expect(button(root, "Insert reply")!.disabled).toBe(false);
    // The banner goes back to saying how to add the Cc by hand.
    expect(root.querySelector(".banner")?.textContent).toContain("Outlook does not let Say no add Cc");

    office.office.context.mailbox.item.subject = "Another email";
    await pane.start();
    expect(buttons(root).filter((b) => b.textContent?.startsWith("Save to Drafts"))).toHaveLength(0);
    await pane.saveToDrafts(true);
    expect(to(REPLY_DRAFT)).toHaveLength(1);
  });

  it("mailbox-consent-required (401 with claims): Sign in again signs in interactively with the claims, then retries once", async () => {
    let n = 0;
    const { pane, root, auth, to } = setup({
      ...base,
      [REPLY_DRAFT]: () => (++n === 1 ? mailboxProblem(401, MAILBOX_PROBLEMS.consentRequired, { claims: '{"access_token":{"xms_cc":{"values":["cp1"]}}}' }) : json(201, replyDraftResponse())),
    });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice")).not.toBeNull());
    expect(root.querySelector("#save-notice p")?.textContent).toMatch(/needs your permission to use your mailbox/);
    expect(root.querySelector("[role=alert]")).toBeNull(); // not the signed-out page: the draft stays
    expect(auth.signIn).not.toHaveBeenCalled();

    button(root, "Sign in again")!.click();
    await vi.waitFor(() => expect(root.querySelector("#saved")).not.toBeNull());
    expect(auth.signInForMailbox).toHaveBeenCalledWith('{"access_token":{"xms_cc":{"values":["cp1"]}}}');
    expect(to(REPLY_DRAFT)).toHaveLength(2);
    expect(to(REPLY_DRAFT)[1]!.body).toEqual(to(REPLY_DRAFT)[0]!.body);
  });

  it("mailbox-consent-required again after signing in: says so and does not offer another sign-in", async () => {
    const { pane, root, auth, to } = setup({ ...base, [REPLY_DRAFT]: () => mailboxProblem(401, MAILBOX_PROBLEMS.consentRequired) });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(button(root, "Sign in again")).toBeDefined());
    button(root, "Sign in again")!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice p")?.textContent).toMatch(/did not give Say no access/));
    expect(auth.signInForMailbox).toHaveBeenCalledTimes(1);
    expect(auth.signInForMailbox).toHaveBeenCalledWith(undefined);
    expect(to(REPLY_DRAFT)).toHaveLength(2);
    expect(button(root, "Sign in again")).toBeUndefined();
  });

  it("a failed interactive sign-in is said in the notice, without a retry", async () => {
    const { pane, root, auth, to } = setup({ ...base, [REPLY_DRAFT]: () => mailboxProblem(401, MAILBOX_PROBLEMS.consentRequired) });
    auth.signInForMailbox.mockRejectedValueOnce(new Error("The sign-in window was closed."));
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(button(root, "Sign in again")).toBeDefined());
    button(root, "Sign in again")!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice p")?.textContent).toBe("Sign-in did not complete. The sign-in window was closed."));
    expect(to(REPLY_DRAFT)).toHaveLength(1);
  });

  it("no-manager (422): says so and offers Save to Drafts without Cc", async () => {
    const { pane, root, to } = setup({
      ...base,
      [REPLY_DRAFT]: (body) => ((body as ReplyDraftRequest).ccManager ? mailboxProblem(422, MAILBOX_PROBLEMS.noManager) : json(201, replyDraftResponse({ cc: [], managerCopied: false, manager: null }))),
    });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice")).not.toBeNull());
    expect(root.querySelector("#save-notice p")?.textContent).toMatch(/lists no manager/);
    const without = buttons(root, "#save-notice").find((b) => b.textContent === "Save to Drafts without Cc")!;
    expect(without.className).toBe("primary");
    // The notice's way forward is the one primary button; the Cc save would only get the same answer.
    expect(root.querySelectorAll("#outlook-drafts button.primary")).toHaveLength(1);
    without.click();
    await vi.waitFor(() => expect(root.querySelector("#saved p")?.textContent).toBe("Saved to your Drafts folder."));
    expect(to(REPLY_DRAFT).map((r) => (r.body as ReplyDraftRequest).ccManager)).toEqual([true, false]);
  });

  it("after a save the save buttons go, so a second click cannot make a second draft in Outlook", async () => {
    const { pane, root, to } = setup(base);
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#saved")).not.toBeNull());
    expect(button(root, SAVE_WITH_CC)).toBeUndefined();
    expect(button(root, SAVE_WITHOUT_CC)).toBeUndefined();
    expect(button(root, CONFIRM_SENT)).toBeDefined();
    expect(to(REPLY_DRAFT)).toHaveLength(1);
  });

  it("mailbox-throttled for an hour says the wait in minutes", async () => {
    const { pane, root } = setup({ ...base, [REPLY_DRAFT]: () => mailboxProblem(429, MAILBOX_PROBLEMS.throttled, {}, { "Retry-After": "3600" }) });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice")).not.toBeNull());
    expect(root.querySelector("#save-notice p")?.textContent).toBe("Outlook's mail service is busy; try again in 60 minutes.");
  });

  it("mailbox-throttled (429): Outlook's mail service is busy; try again in the Retry-After seconds", async () => {
    const { pane, root } = setup({ ...base, [REPLY_DRAFT]: () => mailboxProblem(429, MAILBOX_PROBLEMS.throttled, {}, { "Retry-After": "30" }) });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice")).not.toBeNull());
    expect(root.querySelector("#save-notice p")?.textContent).toBe("Outlook's mail service is busy; try again in 30 seconds.");
    expect(status(root)).toBe("The reply was not saved to your Drafts folder.");
  });

  it.each([
    ["mailbox-message-not-found", 404, MAILBOX_PROBLEMS.messageNotFound, "The email is no longer in your mailbox."],
    ["mailbox-forbidden", 403, MAILBOX_PROBLEMS.forbidden, "Your mailbox does not allow Say no to create drafts."],
    ["mailbox-failed", 502, MAILBOX_PROBLEMS.failed, "Outlook's mail service failed: try again."],
  ])("%s (%i): shows the problem's detail", async (_name, code, type, detail) => {
    const { pane, root } = setup({ ...base, [REPLY_DRAFT]: () => mailboxProblem(code, type, { detail }) });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice")).not.toBeNull());
    expect(root.querySelector("#save-notice p")?.textContent).toBe(detail);
    expect(root.querySelector("#preview")).not.toBeNull(); // the draft stays on screen
  });

  it.each([
    ["403 not allowed", () => problem(403, { detail: "This draft is not yours." }), "This draft is not yours."],
    ["404 draft not found", () => problem(404, { title: "Draft not found", detail: "No draft draft-1." }), "Draft not found No draft draft-1."],
    ["400 validation", () => problem(400, { title: "One or more validation errors occurred.", errors: { messageId: ["The message id is required."] } }), "The message id is required."],
    ["unreachable", () => Promise.reject(new TypeError("Failed to fetch")), "The OutlookSayNo service is not answering."],
  ])("%s: says what happened in the section", async (_name, respond, words) => {
    const { pane, root } = setup({ ...base, [REPLY_DRAFT]: respond });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice")).not.toBeNull());
    expect(root.querySelector("#save-notice p")?.textContent).toContain(words);
  });

  it("a plain 401 (signed out): Sign in, then one retry", async () => {
    let n = 0;
    const { pane, root, auth, to } = setup({ ...base, [REPLY_DRAFT]: () => (++n === 1 ? new Response(null, { status: 401 }) : json(201, replyDraftResponse())) });
    await pane.start();
    button(root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(root.querySelector("#save-notice p")?.textContent).toMatch(/You are signed out/));
    buttons(root, "#save-notice").find((b) => b.textContent === "Sign in")!.click();
    await vi.waitFor(() => expect(root.querySelector("#saved")).not.toBeNull());
    expect(auth.signIn).toHaveBeenCalledTimes(1);
    expect(auth.signInForMailbox).not.toHaveBeenCalled();
    expect(to(REPLY_DRAFT)).toHaveLength(2);
  });
});

describe("check Sent Items (confirm-sent)", () => {
  async function saved(routes: Record<string, Route> = {}) {
    const s = setup({ ...base, ...routes });
    await s.pane.start();
    button(s.root, SAVE_WITH_CC)!.click();
    await vi.waitFor(() => expect(button(s.root, CONFIRM_SENT)).toBeDefined());
    return s;
  }

  it("POSTs confirm-sent with the bearer token and no body, and shows the checks, whether it was edited and the reasons", async () => {
    const { root, to } = await saved();
    button(root, CONFIRM_SENT)!.click();
    await vi.waitFor(() => expect(root.querySelector("#confirmed")).not.toBeNull());
    const [request] = to(CONFIRM);
    expect(request).toMatchObject({ method: "POST", body: undefined, headers: { Authorization: "Bearer tok-1" } });
    expect(request!.headers["Content-Type"]).toBeUndefined();
    const shown = root.querySelector("#confirmed")!;
    expect(shown.querySelector("p")?.textContent).toMatch(/^Found in your Sent Items: sent on .+\. Say no has recorded it\.$/);
    expect([...shown.querySelectorAll(".chip.fail")].map((c) => c.textContent)).toEqual(["✗ Offers an alternative: failed"]);
    expect(shown.textContent).toContain("Edited before sending.");
    expect([...shown.querySelectorAll(".notes li")].map((l) => l.textContent)).toEqual(["The reply no longer offers an alternative."]);
    expect(status(root)).toBe("Your sent reply is recorded.");
  });

  it("already recorded by the on-send handler: says so, with no checks", async () => {
    const { root } = await saved({ [CONFIRM]: () => json(200, confirmSentResponse({ alreadyRecorded: true, event: null })) });
    button(root, CONFIRM_SENT)!.click();
    await vi.waitFor(() => expect(root.querySelector("#confirmed")).not.toBeNull());
    expect(root.querySelector("#confirmed p")?.textContent).toMatch(/already in the log/);
    expect(root.querySelector("#confirmed .chip")).toBeNull();
  });

  it("not-sent-yet (404): Not in Sent Items yet — send it, then check again; the button stays", async () => {
    const { root } = await saved({ [CONFIRM]: () => mailboxProblem(404, MAILBOX_PROBLEMS.notSentYet) });
    button(root, CONFIRM_SENT)!.click();
    await vi.waitFor(() => expect(root.querySelector("#confirm-notice")).not.toBeNull());
    expect(root.querySelector("#confirm-notice p")?.textContent).toBe("Not in Sent Items yet — send it, then check again.");
    expect(status(root)).toBe("Not in Sent Items yet.");
    expect(button(root, CONFIRM_SENT)!.disabled).toBe(false);
  });

  it("mailbox-consent-required: Sign in again, then one retry of the check", async () => {
    let n = 0;
    const { root, auth, to } = await saved({
      [CONFIRM]: () => (++n === 1 ? mailboxProblem(401, MAILBOX_PROBLEMS.consentRequired, { claims: "c" }) : json(200, confirmSentResponse())),
    });
    button(root, CONFIRM_SENT)!.click();
    await vi.waitFor(() => expect(button(root, "Sign in again")).toBeDefined());
    button(root, "Sign in again")!.click();
    await vi.waitFor(() => expect(root.querySelector("#confirmed")).not.toBeNull());
    expect(auth.signInForMailbox).toHaveBeenCalledWith("c");
    expect(to(CONFIRM)).toHaveLength(2);
  });

  it("is offered after Insert reply in read mode: the reply form Outlook opens never reaches the on-send handler", async () => {
    const { pane, root, to } = setup(base, { supported: ["Mailbox 1.3", "Mailbox 1.5", "Mailbox 1.8", "Mailbox 1.12"] });
    await pane.start();
    expect(button(root, CONFIRM_SENT)).toBeUndefined();
    button(root, "Insert reply")!.click();
    await vi.waitFor(() => expect(button(root, CONFIRM_SENT)).toBeDefined());
    expect(to(EVENTS).map((r) => r.body)).toEqual([{ type: "inserted", mode: "reply" }]);
    button(root, CONFIRM_SENT)!.click();
    await vi.waitFor(() => expect(to(CONFIRM)).toHaveLength(1));
  });

  it("compose mode: offered after inserting only where the on-send handler cannot log it (no Mailbox 1.12)", async () => {
    const body = "<div>Cut the price by 15% or we leave.</div>";
    const withOnSend = setup(base, { mode: "compose", body, supported: ["Mailbox 1.3", "Mailbox 1.5", "Mailbox 1.8", "Mailbox 1.12"] });
    await withOnSend.pane.start();
    await withOnSend.pane.insert("compose");
    expect(button(withOnSend.root, CONFIRM_SENT)).toBeUndefined();

    const without = setup(base, { mode: "compose", body, supported: ["Mailbox 1.3", "Mailbox 1.5", "Mailbox 1.8"] });
    await without.pane.start();
    await without.pane.insert("compose");
    expect(button(without.root, CONFIRM_SENT)).toBeDefined();
    expect(section(without.root)?.textContent).toContain("does not tell Say no when this reply is sent");
  });
});

describe("a large email is drafted by id", () => {
  const large = "<div>" + "Please cut the price by 15%. ".repeat(7_000) + "</div>"; // over 200,000 characters

  it("sends subject, from, itemId (REST), conversationId and when it was written, and no body, in the one draft request", async () => {
    expect(large.length).toBeGreaterThan(200_000);
    const { pane, root, to } = setup(base, { body: large, restIds: true });
    await pane.start();
    const draft = to("/api/drafts")[0]!.body as DraftRequest;
    expect(draft.email).toEqual({
      subject: "Renewal 2027",
      from: { name: "Priya Nair", email: "priya@northwind-foods.com" },
      itemId: "rest:AAMk-item-1",
      conversationId: "conv-1",
      sentAt: "2026-11-10T08:30:00.000Z",
    });
    expect(to("/api/classify")).toHaveLength(0);
    expect(root.querySelector("#preview")).not.toBeNull();
    expect(root.textContent).toContain("read it from your mailbox");
    // Body evidence indexes the server's copy of the body: nothing is highlighted from ours.
    expect(root.querySelector(".ask-primary mark")).toBeNull();
  });

  it("a small email still sends its body, with the item id", async () => {
    const { pane, to } = setup(base);
    await pane.start();
    const draft = to("/api/drafts")[0]!.body as DraftRequest;
    expect(draft.email.body).toBeDefined();
    expect(draft.email.itemId).toBe("AAMk-item-1");
  });

  it("mailbox-unavailable while reading it: too large for this server, and Save to Drafts is not offered later", async () => {
    const { pane, root } = setup({ ...base, "/api/drafts": () => mailboxProblem(503, MAILBOX_PROBLEMS.unavailable), "/api/classify": () => mailboxProblem(503, MAILBOX_PROBLEMS.unavailable) }, { body: large });
    await pane.start();
    expect(root.querySelector("[role=alert] h2")?.textContent).toBe("This email is too large");
    expect(root.querySelector("[role=alert] p")?.textContent).toMatch(/cannot read longer ones from your mailbox/);
    expect(pane.mailboxUnavailable).toBe(true);
  });

  it("mailbox-consent-required while reading it: Sign in again with the claims, then drafts again", async () => {
    let n = 0;
    const { pane, root, auth } = setup(
      { ...base, "/api/drafts": () => (++n === 1 ? mailboxProblem(401, MAILBOX_PROBLEMS.consentRequired, { claims: "x" }) : json(200, draftResponse())) },
      { body: large },
    );
    await pane.start();
    expect(root.querySelector("[role=alert] h2")?.textContent).toBe("Say no needs access to your mailbox");
    button(root, "Sign in again")!.click();
    await vi.waitFor(() => expect(root.querySelector("#preview")).not.toBeNull());
    expect(auth.signInForMailbox).toHaveBeenCalledWith("x");
  });

  it("mailbox-throttled while reading it: the wait, and Try again", async () => {
    const { pane, root } = setup({ ...base, "/api/drafts": () => mailboxProblem(429, MAILBOX_PROBLEMS.throttled, {}, { "retry-after": "1" }) }, { body: large });
    await pane.start();
    expect(root.querySelector("[role=alert] p")?.textContent).toBe("Outlook's mail service is busy; try again in 1 second.");
    expect(button(root, "Try again")).toBeDefined();
  });
});
