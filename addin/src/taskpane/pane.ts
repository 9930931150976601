// The pane controller: reads the item, asks the API, keeps the selections, re-drafts on change
// (debounced, newest request wins), inserts and records the event; saves the reply in the Drafts
// folder and confirms a send from Sent Items (both through the API, which reaches Graph).
import { ApiError, ApiProblemError, AskUnclearError, ConsiderYesError, MailboxProblemError, NoRefusableAskError, TooLargeError, isAbort } from "./api";
import { errorLines } from "../shared/labels";
import type { SayNoApi } from "./api";
import { InsertTooLargeError, NoItemError } from "./mailbox";
import type { EmailData, MailboxPort } from "./mailbox";
import {
  bodyTooLargeToSend,
  buildDraftRequest,
  choiceView,
  confirmSentView,
  emptySelections,
  kindOptions,
  mergeKnownFields,
  readsBodyById,
  safeWebLink,
  savedMessage,
  senderLabel,
  toViewModel,
} from "./state";
import type { ConfirmView, Selections } from "./state";
import type { Audience, ClassifyResponse, DraftResponse, InsertMode, MissingField } from "./types";
import { MAILBOX_UNAVAILABLE_TEXT, renderChoice, renderConsiderYes, renderLoading, renderNoAsk, renderPane, renderProblem, renderShell, setStatus } from "./view";
import type { Action, Notice, PaneHandlers, Shell, Tone } from "./view";
import { draftToInsert, isEdited } from "./draft-text";
import { updateDraftEdited } from "./draft-view";
import type { DraftUi } from "./draft-view";
import { changeWords, redraftFailure } from "./redraft";

export const MANAGER_KEY = "outlooksayno.managerEmail";

export interface PaneDeps {
  root: HTMLElement;
  api: Pick<SayNoApi, "draft" | "recordEvent" | "replyDraft" | "confirmSent">;
  mailbox: MailboxPort;
  /** signIn after a 401; signInForMailbox (interactive, with the claims challenge) after mailbox-consent-required. */
  auth: { signIn(): Promise<string>; signInForMailbox(claims?: string): Promise<string> };
  storage?: Pick<Storage, "getItem" | "setItem">;
  debounceMs?: number;
}

type Phase = "loading" | "ready" | "noAsk" | "choose" | "considerYes" | "problem";

export class Pane {
  readonly shell: Shell;
  phase: Phase = "loading";
  email: EmailData | null = null;
  classify: ClassifyResponse | undefined;
  draft: DraftResponse | null = null;
  selections: Selections = emptySelections();
  knownFields = new Map<string, MissingField>();
  managerEmail = "";
  drafting = false;
  inserting = false;
  /** The draft text as the account manager edited it; null while it is the generated text. */
  editedText: string | null = null;
  /** A change held until the account manager agrees that its new draft replaces their edited text. */
  pendingChange: Partial<Selections> | null = null;
  /** Why the last re-draft failed, while the draft on screen no longer fits the choices; null otherwise. */
  redraftFailed: string | null = null;
  /** The reading chip whose editor is open. */
  openChip: string | null = null;
  /** The fields each kind asked for: a kind switch shows that kind's fields (typed values are kept and sent). */
  private fieldsByKind = new Map<string, Map<string, MissingField>>();

  // Save in Outlook. mailboxUnavailable outlives start(): it is the server's set-up, not the email's.
  mailboxUnavailable = false;
  saving = false;
  confirming = false;
  /** Save as reply-all: follows the last Insert reply / Insert reply all for this email; the checkbox changes it. */
  replyAll = false;
  notice: Notice | null = null;
  /** The draft whose send "check Sent Items" confirms: the one last saved, or last inserted where on-send will not log it. */
  followUp: { draftId: string; saved?: { text: string; webLink: string | null } } | null = null;
  confirmed: ConfirmView | null = null;

  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inflight: Promise<void> | null = null;
  private controller: AbortController | null = null;
  private readonly debounceMs: number;
  private readonly handlers: PaneHandlers;

  constructor(private readonly deps: PaneDeps) {
    this.shell = renderShell(deps.root);
    this.debounceMs = deps.debounceMs ?? 350;
    this.managerEmail = deps.storage?.getItem(MANAGER_KEY) ?? "";
    this.handlers = {
      onKind: (category) => this.change({ category }),
      onAudience: (audience: Audience) => this.change({ audience }),
      onField: (name, value) => this.change({ fields: { ...this.current().fields, [name]: value } }),
      onAlternative: (id, checked) => {
        const current = this.current().alternatives ?? (this.draft?.alternatives.filter((a) => a.offered).map((a) => a.id) ?? []);
        const next = checked ? [...new Set([...current, id])] : current.filter((x) => x !== id);
        this.change({ alternatives: next });
      },
      onAlso: (category, checked) => {
        const current = this.current().also ?? (this.draft?.also ?? []).map((a) => a.category);
        const next = checked ? [...new Set([...current, category])] : current.filter((x) => x !== category);
        this.change({ also: next });
      },
      onRightAbout: (text) => this.change({ theyAreRightAbout: text }),
      // null goes back to the reason as read: the request then carries no reason at all.
      onReason: (reason) => this.change({ reason: reason ?? undefined }),
      onStance: (stance) => this.change({ stance }),
      onAskSentence: (index) => this.change({ askSentence: index ?? undefined }),
      onPlaceFigure: (text, field) => this.change({ fields: placeFigure(this.current().fields, text, field) }),
      onChip: (open) => {
        this.openChip = open;
        this.render();
      },
      onDraftText: (text) => this.editText(text),
      onRestoreDraft: () => {
        this.editedText = null;
        this.render();
      },
      onConfirmReplace: (replace) => this.answerConfirm(replace),
      onRetryDraft: () => void this.redraft(),
      onInsert: (mode) => void this.insert(mode),
      onManagerEmail: (email) => this.saveManager(email),
      onCopyManager: () => void this.copyManager(),
      onSaveToDrafts: (ccManager) => void this.saveToDrafts(ccManager),
      onReplyAll: (replyAll) => {
        this.replyAll = replyAll;
      },
      onOpenLink: (url) => this.deps.mailbox.openLink(url),
      onConfirmSent: () => void this.confirmSent(),
    };
  }

  /** Reads the current item and drafts. Called on load and on ItemChanged. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    this.cancelPending();
    this.phase = "loading";
    this.email = null;
    this.classify = undefined;
    this.draft = null;
    this.selections = emptySelections();
    this.knownFields = new Map();
    this.fieldsByKind = new Map();
    this.editedText = null;
    this.pendingChange = null;
    this.redraftFailed = null;
    this.openChip = null;
    this.replyAll = false;
    this.notice = null;
    this.followUp = null;
    this.confirmed = null;
    setStatus(this.shell, "");
    renderLoading(this.shell, "Reading the email…");

    let email: EmailData;
    try {
      email = await this.deps.mailbox.readItem();
    } catch (e) {
      if (generation !== this.generation) return;
      if (e instanceof NoItemError) this.problem("No email selected", "Select a customer email, then open Say no.");
      else this.problem("Could not read the email", `Outlook did not give the email to Say no: ${message(e)}`, [this.retry()]);
      return;
    }
    if (generation !== this.generation) return;
    this.email = email;

    // Too large to send: the API reads it by id through Graph; without an id (a reply being written) it cannot.
    if (bodyTooLargeToSend(email.body) && !email.itemId) {
      this.showError(new TooLargeError());
      return;
    }

    renderLoading(this.shell, readsBodyById(email) ? "This email is long: Say no reads it from your mailbox…" : "Finding the ask and drafting the no…");
    setStatus(this.shell, "Drafting…");
    // One request: the draft carries the whole reading (asks, figures, flags), and re-drafts reuse it on the server.
    let draft: DraftResponse;
    try {
      draft = await this.deps.api.draft(buildDraftRequest(email, this.selections));
    } catch (error) {
      if (generation !== this.generation) return;
      this.drafted(error);
      return;
    }
    if (generation !== this.generation) return;
    this.accept(draft);
    setStatus(this.shell, "Draft ready.", "success");
  }

  /** A draft request that did not give a draft: nothing to refuse, a choice to make, or a problem. */
  private drafted(error: unknown): void {
    if (error instanceof NoRefusableAskError) {
      this.classify = error.classification ?? this.classify;
      this.showNoAsk(error);
    } else if (error instanceof AskUnclearError) {
      this.classify = error.classification ?? this.classify;
      this.showChoice(error);
    } else if (error instanceof ConsiderYesError) {
      this.classify = error.classification ?? this.classify;
      this.showConsiderYes(error);
    } else {
      this.showError(error);
    }
  }

  /** The selections as the account manager sees them: with a change still waiting for the confirm. */
  current(): Selections {
    return this.pendingChange ? { ...this.selections, ...this.pendingChange } : this.selections;
  }

  /**
   * A change of selection. A re-draft replaces the text, so while the account manager has edited it the
   * change waits for their answer (the pane asks in place; further changes join the waiting one).
   */
  change(patch: Partial<Selections>): void {
    if (this.phase === "ready" && (this.editedText !== null || this.pendingChange !== null)) {
      this.pendingChange = { ...(this.pendingChange ?? {}), ...patch };
      this.render();
      return;
    }
    this.apply(patch);
  }

  /** Applies a change and schedules a re-draft (debounced). */
  private apply(patch: Partial<Selections>): void {
    this.selections = { ...this.selections, ...patch };
    if (this.phase !== "ready") return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.redraft();
    }, this.debounceMs);
    // At once, not after the debounce: Insert and Save go off while the draft does not fit the choices.
    this.render();
  }

  /** The answer to "this replaces your changes": make the new draft, or keep the text and drop the change. */
  answerConfirm(replace: boolean): void {
    const patch = this.pendingChange;
    this.pendingChange = null;
    if (!patch) return;
    if (replace) {
      this.editedText = null;
      this.apply(patch);
    } else {
      this.render();
    }
  }

  /** Typing in the draft: remember the text (null when it is the generated one again). */
  editText(text: string): void {
    if (!this.draft) return;
    this.editedText = isEdited(this.draft.text, text) ? text : null;
    // No re-render: it would move the caret and scroll of the text being typed.
    updateDraftEdited(this.shell.content, this.draft.html, this.editedText);
  }

  /** Runs a pending re-draft now and waits for the newest one to finish. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      void this.redraft();
    }
    while (this.inflight) await this.inflight;
  }

  async redraft(): Promise<void> {
    if (!this.email) return;
    const generation = this.generation;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.drafting = true;
    setStatus(this.shell, "Updating the draft…");
    if (this.phase === "ready") this.render();
    const run = (async () => {
      try {
        const draft = await this.deps.api.draft(buildDraftRequest(this.email!, this.selections), controller.signal);
        if (generation !== this.generation || controller.signal.aborted) return;
        this.drafting = false;
        this.accept(draft);
        setStatus(this.shell, "Draft updated.", "success");
      } catch (e) {
        if (isAbort(e) || generation !== this.generation || controller.signal.aborted) return;
        this.drafting = false;
        if (e instanceof NoRefusableAskError || e instanceof AskUnclearError || e instanceof ConsiderYesError) {
          this.drafted(e);
        } else if (e instanceof ApiError && (e.kind === "unreachable" || e.kind === "other" || e.kind === "mailbox") && this.draft) {
          // Keep the last good draft on screen to read, but not to insert: it no longer fits the choices.
          this.redraftFailed = redraftFailure(e, plainWords(e).message, this.labelOf, this.fieldWords());
          this.render();
          setStatus(this.shell, "The draft could not be updated.", "error");
        } else {
          this.showError(e);
        }
      }
    })();
    this.inflight = run;
    try {
      await run;
    } finally {
      if (this.inflight === run) this.inflight = null;
    }
  }

  /** The draft on screen does not fit the choices: a change waits for the confirm, or its re-draft failed. */
  private get stale(): boolean {
    return this.pendingChange !== null || this.redraftFailed !== null;
  }

  async insert(mode: InsertMode): Promise<void> {
    if (this.inserting) return;
    await this.flush();
    const draft = this.draft;
    if (!draft || this.phase !== "ready") return;
    if (this.stale) {
      setStatus(this.shell, "This draft is out of date, so it was not inserted. Make the new draft first.", "error");
      return;
    }
    // What is inserted is what is on screen: the edited text, or the generated draft.
    const edited = this.editedText;
    const toInsert = draftToInsert(draft, edited);
    this.inserting = true;
    this.render();
    try {
      const result = await this.deps.mailbox.insertDraft(toInsert, mode);
      // Inserting is choosing the recipients: Save to Drafts follows that choice for this email.
      if (mode !== "compose") this.replyAll = mode === "replyAll";
      if (!this.deps.mailbox.onSendLogs(result)) {
        this.followUp = { draftId: draft.id };
        this.confirmed = null;
        this.notice = null;
      }
      let said = mode === "compose" ? "The draft is in your message." : mode === "replyAll" ? "The reply-all is open with the draft." : "The reply is open with the draft.";
      try {
        // The edited text goes with the event, so the log says the inserted draft was edited and how.
        await this.deps.api.recordEvent(draft.id, { type: "inserted", mode: result.mode, ...(edited !== null ? { body: toInsert.text } : {}) });
      } catch {
        said += " (Say no could not record this in the log.)";
      }
      setStatus(this.shell, said, "success");
    } catch (e) {
      if (e instanceof InsertTooLargeError) setStatus(this.shell, e.message, "error");
      else setStatus(this.shell, `The draft could not be inserted: ${message(e)}`, "error");
    } finally {
      this.inserting = false;
      this.render();
    }
  }

  saveManager(email: string): void {
    this.managerEmail = email.trim();
    try {
      this.deps.storage?.setItem(MANAGER_KEY, this.managerEmail);
    } catch {
      /* storage may be blocked; keep it for this session */
    }
  }

  async copyManager(): Promise<void> {
    const email = this.managerEmail;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      setStatus(this.shell, "Type your manager's email address first.", "error");
      document.getElementById("manager-email")?.focus();
      return;
    }
    try {
      await this.deps.mailbox.addCc(email);
      setStatus(this.shell, `${email} is now on Cc.`, "success");
    } catch (e) {
      setStatus(this.shell, `Could not add ${email} to Cc: ${message(e)}`, "error");
    }
  }

  /**
   * Saves the reply (the draft on screen, after any pending re-draft) in the Drafts folder. The server
   * records the inserted event itself. `retried`: this is the one retry after signing in again.
   */
  async saveToDrafts(ccManager: boolean, retried = false): Promise<void> {
    if (this.saving || this.confirming || this.mailboxUnavailable) return;
    // Set before the flush, so a second click while the newest draft is made does not save twice.
    this.saving = true;
    const generation = this.generation;
    try {
      await this.flush();
      const draft = this.draft;
      const messageId = this.email?.itemId;
      if (generation !== this.generation || !draft || !messageId || this.email?.mode !== "read" || this.phase !== "ready") return;
      if (this.stale) {
        setStatus(this.shell, "This draft is out of date, so it was not saved. Make the new draft first.", "error");
        return;
      }
      this.notice = null;
      setStatus(this.shell, "Saving the reply to your Drafts folder…");
      this.render();
      // html only when edited: without it the server saves the generated reply.
      const edited = this.editedText;
      const saved = await this.deps.api.replyDraft(draft.id, {
        messageId,
        replyAll: this.replyAll,
        ccManager,
        ...(edited !== null ? { html: draftToInsert(draft, edited).html } : {}),
      });
      if (generation !== this.generation) return;
      this.followUp = { draftId: saved.draftId || draft.id, saved: { text: savedMessage(saved), webLink: safeWebLink(saved.webLink) } };
      this.confirmed = null;
      setStatus(this.shell, "Saved to your Drafts folder.", "success");
    } catch (e) {
      if (generation !== this.generation) return;
      this.mailboxFailed("save", e, retried, () => this.saveToDrafts(ccManager, true), ccManager);
    } finally {
      if (generation === this.generation) {
        this.saving = false;
        this.render();
      }
    }
  }

  /** Asks the API to find the sent reply in Sent Items and record it (hosts where on-send did not log it). */
  async confirmSent(retried = false): Promise<void> {
    const followUp = this.followUp;
    if (!followUp || this.saving || this.confirming || this.mailboxUnavailable) return;
    const generation = this.generation;
    this.confirming = true;
    this.notice = null;
    this.confirmed = null;
    setStatus(this.shell, "Looking for your reply in Sent Items…");
    this.render();
    try {
      const answer = await this.deps.api.confirmSent(followUp.draftId);
      if (generation !== this.generation) return;
      this.confirmed = confirmSentView(answer);
      setStatus(this.shell, answer.alreadyRecorded ? "Your sent reply was already recorded." : "Your sent reply is recorded.", "success");
    } catch (e) {
      if (generation !== this.generation) return;
      this.mailboxFailed("confirm", e, retried, () => this.confirmSent(true));
    } finally {
      if (generation === this.generation) {
        this.confirming = false;
        this.render();
      }
    }
  }

  /** Words and next steps for a failed save or Sent Items check; the status line gets the short version. */
  private mailboxFailed(about: Notice["about"], e: unknown, retried: boolean, retry: () => Promise<void>, ccManager = false): void {
    const failed = about === "save" ? "The reply was not saved to your Drafts folder." : "Your Sent Items could not be checked.";
    const actions: Action[] = [];
    let tone: Tone = "error";
    let text: string;
    if (e instanceof MailboxProblemError) {
      switch (e.reason) {
        case "unavailable":
          // Not set up on this server (e.g. development sign-in): stop offering it; Insert reply still works.
          this.mailboxUnavailable = true;
          this.notice = null;
          setStatus(this.shell, MAILBOX_UNAVAILABLE_TEXT, "info");
          return;
        case "consentRequired":
          if (retried) {
            text = "Signing in again did not give Say no access to your mailbox. Ask your administrator to allow OutlookSayNo to use your mailbox.";
          } else {
            text = "Say no needs your permission to use your mailbox. Sign in again to give it, and Say no tries once more.";
            actions.push({ label: "Sign in again", primary: true, onClick: () => this.signInThen(() => this.deps.auth.signInForMailbox(e.claims), about, retry) });
          }
          break;
        case "noManager":
          tone = "info";
          text = "Your directory profile lists no manager, so Say no cannot copy one. Save the reply without Cc and add someone in Outlook yourself.";
          if (about === "save" && ccManager) actions.push({ label: "Save to Drafts without Cc", primary: true, onClick: () => void this.saveToDrafts(false) });
          break;
        case "throttled":
          text = throttledText(e.retryAfterSeconds);
          break;
        case "notSentYet":
          tone = "info";
          text = "Not in Sent Items yet — send it, then check again.";
          break;
        default:
          // mailbox-message-not-found, mailbox-forbidden, mailbox-failed: the server's detail says what happened.
          text = e.message;
      }
    } else if (e instanceof ApiError && e.kind === "signedOut") {
      text = retried ? "You are still signed out." : "You are signed out. Sign in, and Say no tries once more.";
      if (!retried) actions.push({ label: "Sign in", primary: true, onClick: () => this.signInThen(() => this.deps.auth.signIn(), about, retry) });
    } else if (e instanceof ApiError && e.kind === "unreachable") {
      text = plainWords(e).message;
    } else {
      text = message(e);
    }
    this.notice = { about, text, tone, actions };
    setStatus(this.shell, tone === "info" && e instanceof MailboxProblemError && e.reason === "notSentYet" ? "Not in Sent Items yet." : failed, tone);
  }

  /** Signs in (the given way), then retries the save or check once; a failed sign-in is said in the notice. */
  private signInThen(signIn: () => Promise<string>, about: Notice["about"], retry: () => Promise<void>): void {
    const generation = this.generation;
    this.notice = { about, text: "Signing in…", tone: "info", actions: [] };
    this.render();
    void signIn().then(
      () => (generation === this.generation ? retry() : undefined),
      (e: unknown) => {
        if (generation !== this.generation) return;
        this.notice = { about, text: `Sign-in did not complete. ${message(e)}`.trim(), tone: "error", actions: [] };
        this.render();
      },
    );
  }

  /** A new draft: its text replaces any edit (the account manager agreed to that before it was asked for). */
  private accept(draft: DraftResponse): void {
    this.draft = draft;
    this.classify = draft.classification ?? this.classify;
    const kindFields = mergeKnownFields(this.fieldsByKind.get(draft.category) ?? new Map(), draft.missingFields);
    this.fieldsByKind.set(draft.category, kindFields);
    this.knownFields = kindFields;
    this.editedText = null;
    this.redraftFailed = null;
    this.phase = "ready";
    this.render();
  }

  /** A field's label, from any kind's fields or the draft's data points; undefined when unknown. */
  private readonly labelOf = (name: string): string | undefined => {
    for (const fields of this.fieldsByKind.values()) {
      const label = fields.get(name)?.label;
      if (label) return label;
    }
    return this.draft?.dataPoints.find((d) => d.name === name)?.label || undefined;
  };

  /** Every field name the pane knows, with its label: to put server messages in words. */
  private fieldWords(): Map<string, string> {
    const words = new Map<string, string>();
    for (const d of this.draft?.dataPoints ?? []) if (d.label) words.set(d.name, d.label);
    for (const fields of this.fieldsByKind.values()) for (const f of fields.values()) if (f.label) words.set(f.name, f.label);
    return words;
  }

  /** The draft's edit, confirm and stale state, as the view shows it. */
  private draftUi(): DraftUi {
    const pending = this.timer !== null || this.drafting;
    return {
      edited: this.editedText,
      confirm: this.pendingChange ? { what: changeWords(this.pendingChange) } : null,
      stale: pending
        ? { text: "Making a new draft for your changes…", failed: false }
        : this.redraftFailed !== null
          ? { text: `The draft could not be updated, so it is not the one for your choices: ${this.redraftFailed}`, failed: true }
          : null,
    };
  }

  render(): void {
    if (this.phase !== "ready" || !this.email || !this.draft) return;
    const model = toViewModel({
      email: this.email,
      draft: this.draft,
      classify: this.classify,
      selections: this.current(),
      knownFields: this.knownFields,
      fieldLabels: this.fieldWords(),
    });
    renderPane(this.shell, model, this.handlers, {
      managerEmail: this.managerEmail,
      drafting: this.drafting,
      inserting: this.inserting,
      draft: this.draftUi(),
      openChip: this.openChip,
      drafts: {
        unavailable: this.mailboxUnavailable,
        saving: this.saving,
        confirming: this.confirming,
        replyAll: this.replyAll,
        notice: this.notice,
        saved: this.followUp?.saved ?? null,
        confirmOffered: this.followUp !== null && !this.mailboxUnavailable,
        confirmed: this.confirmed,
      },
    });
  }

  private showNoAsk(error: NoRefusableAskError): void {
    const email = this.email!;
    this.phase = "noAsk";
    this.draft = null;
    setStatus(this.shell, "No refusable ask found.");
    const c = this.classify;
    renderNoAsk(this.shell, {
      subject: email.subject,
      sender: senderLabel(email.from),
      message: error.problem?.detail ?? "This email does not ask for anything to decline. Reply to it normally.",
      kinds: kindOptions(...(c ? [c.primary.category, ...c.secondary.map((s) => s.category)] : [])),
      onDraft: (kind) => {
        this.selections = { ...this.selections, category: kind };
        this.phase = "ready";
        renderLoading(this.shell, "Drafting the no…");
        void this.redraft();
      },
    });
  }

  /**
   * The ask is within what the account manager may concede (or they chose to consider a yes): no refusal is
   * drafted. The card says why, with the customer's sentence; a no is one click away.
   */
  private showConsiderYes(error: ConsiderYesError): void {
    const email = this.email!;
    this.phase = "considerYes";
    this.draft = null;
    setStatus(this.shell, "Consider a yes: no refusal drafted.");
    const stance = error.stance;
    const suggested = stance?.suggested === "small";
    renderConsiderYes(this.shell, {
      subject: email.subject,
      sender: senderLabel(email.from),
      reason: suggested ? stance!.reason : "You chose to consider a yes.",
      evidence: suggested ? stance!.evidence.map((e) => e.text) : [],
      onDraftNo: () => {
        // Back to the stance the email suggests, unless that is the yes itself.
        this.selections = { ...this.selections, stance: suggested ? "refuse" : undefined };
        this.phase = "ready";
        renderLoading(this.shell, "Drafting the no…");
        void this.redraft();
      },
    });
  }

  /** The reading is unsure: show both candidates with their evidence; nothing is drafted until one is picked. */
  private showChoice(error: AskUnclearError): void {
    const email = this.email!;
    this.phase = "choose";
    this.draft = null;
    setStatus(this.shell, "Which ask is this? Pick one to draft.");
    renderChoice(this.shell, {
      ...choiceView(email, this.classify, error.problem?.detail),
      onPick: (kind) => {
        this.selections = { ...this.selections, category: kind };
        this.phase = "ready";
        renderLoading(this.shell, "Drafting the no…");
        void this.redraft();
      },
      onNothing: () => this.showNoAsk(new NoRefusableAskError({ detail: "You chose: nothing to refuse. Reply to it normally." })),
    });
  }

  showError(error: unknown): void {
    const words = plainWords(error);
    const actions = [];
    if (error instanceof MailboxProblemError && error.reason === "unavailable") this.mailboxUnavailable = true;
    if (error instanceof MailboxProblemError && error.reason === "consentRequired") {
      actions.push({
        label: "Sign in again",
        primary: true,
        onClick: () => {
          void this.deps.auth
            .signInForMailbox(error.claims)
            .then(() => this.start())
            .catch((e: unknown) => this.showError(e));
        },
      });
    }
    if (error instanceof ApiError && error.kind === "signedOut") {
      actions.push({
        label: "Sign in",
        primary: true,
        onClick: () => {
          void this.deps.auth
            .signIn()
            .then(() => this.start())
            .catch((e: unknown) => this.showError(e));
        },
      });
    }
    const retryable =
      !(error instanceof ApiError) ||
      (error instanceof MailboxProblemError ? ["throttled", "failed"].includes(error.reason) : ["unreachable", "other", "signedOut"].includes(error.kind));
    if (retryable) actions.push(this.retry());
    this.problem(words.title, words.message, actions);
  }

  private retry() {
    return { label: "Try again", onClick: () => void this.start() };
  }

  private problem(title: string, text: string, actions: { label: string; onClick: () => void; primary?: boolean }[] = []): void {
    this.phase = "problem";
    this.drafting = false;
    setStatus(this.shell, title, "error");
    renderProblem(this.shell, {
      title,
      message: text,
      actions,
      ...(this.email ? { email: { subject: this.email.subject, sender: senderLabel(this.email.from) } } : {}),
    });
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.controller?.abort();
    this.controller = null;
    this.drafting = false;
    this.inserting = false;
    this.saving = false;
    this.confirming = false;
  }
}

/** Plain words for each error the pane can meet. */
export function plainWords(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError) {
    switch (error.kind) {
      case "unreachable":
        return {
          title: "Say no cannot reach its service",
          message: "The OutlookSayNo service is not answering. Check your connection, or ask whoever runs it whether it is up, then try again.",
        };
      case "signedOut":
        return { title: "You are signed out", message: `Sign in to draft replies. ${error.message}`.trim() };
      case "notAllowed":
        return {
          title: "Your account is not allowed to draft replies",
          message: "Drafting needs the Account manager role. Ask your administrator to give it to you.",
        };
      case "tooLarge":
        return {
          title: "This email is too large",
          message: "Say no reads emails up to 200,000 characters. Forward the newest message on its own, or reply without Say no.",
        };
      case "noRefusableAsk":
        return { title: "Nothing to say no to", message: error.message };
      case "mailbox":
        return mailboxReadWords(error as MailboxProblemError);
      default:
        return { title: "Something went wrong", message: problemMessage(error) };
    }
  }
  return { title: "Something went wrong", message: message(error) };
}

/** The mailbox problems met while drafting an email too large to send, which the API reads by id. */
function mailboxReadWords(error: MailboxProblemError): { title: string; message: string } {
  switch (error.reason) {
    case "unavailable":
      return {
        title: "This email is too large",
        message:
          "Say no reads emails up to 200,000 characters, and this server cannot read longer ones from your mailbox. " +
          "Forward the newest message on its own, or reply without Say no.",
      };
    case "consentRequired":
      return {
        title: "Say no needs access to your mailbox",
        message: "This email is too long to send to Say no, so it reads it from your mailbox, which needs your permission. Sign in again to give it.",
      };
    case "throttled":
      return { title: "Outlook's mail service is busy", message: throttledText(error.retryAfterSeconds) };
    default:
      return { title: "Say no could not read this email from your mailbox", message: error.message };
  }
}

export function throttledText(seconds: number | undefined): string {
  if (seconds === undefined) return "Outlook's mail service is busy; try again in a moment.";
  if (seconds < 120) return `Outlook's mail service is busy; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  // Long waits read better in minutes (a mailbox throttled for an hour says Retry-After: 3600).
  const minutes = Math.ceil(seconds / 60);
  return `Outlook's mail service is busy; try again in ${minutes} minutes.`;
}

/** A problem's words with its validation keys and ids in words ("fields.averageDaysToPay" is a label). */
function problemMessage(error: ApiError): string {
  const problem = error.problem;
  if (!(error instanceof ApiProblemError) || !problem?.errors || Object.keys(problem.errors).length === 0) return error.message;
  return [problem.title, problem.detail, ...errorLines(problem.errors)].filter((p) => typeof p === "string" && p.trim()).join(" ");
}

/** Fields with a figure put in `field` (null: in none): it leaves any field it was in before. */
export function placeFigure(fields: Readonly<Record<string, string>>, text: string, field: string | null): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value.trim() !== text.trim()) next[name] = value;
  if (field) next[field] = text;
  return next;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
