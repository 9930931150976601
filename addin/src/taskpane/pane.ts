// The pane controller: reads the item, asks the API, keeps the selections, re-drafts on change
// (debounced, newest request wins), inserts and records the event.
import { ApiError, NoRefusableAskError, TooLargeError, isAbort } from "./api";
import type { SayNoApi } from "./api";
import { InsertTooLargeError, NoItemError } from "./mailbox";
import type { EmailData, MailboxPort } from "./mailbox";
import {
  MAX_BODY_CHARS,
  buildDraftRequest,
  classifyRequestFor,
  emptySelections,
  kindOptions,
  mergeKnownFields,
  senderLabel,
  toViewModel,
} from "./state";
import type { Selections } from "./state";
import type { Audience, ClassifyResponse, DraftResponse, InsertMode, MissingField } from "./types";
import { renderLoading, renderNoAsk, renderPane, renderProblem, renderShell, setStatus } from "./view";
import type { Handlers, Shell } from "./view";

export const MANAGER_KEY = "outlooksayno.managerEmail";

export interface PaneDeps {
  root: HTMLElement;
  api: Pick<SayNoApi, "classify" | "draft" | "recordEvent">;
  mailbox: MailboxPort;
  auth: { signIn(): Promise<string> };
  storage?: Pick<Storage, "getItem" | "setItem">;
  debounceMs?: number;
}

type Phase = "loading" | "ready" | "noAsk" | "problem";

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

  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inflight: Promise<void> | null = null;
  private controller: AbortController | null = null;
  private readonly debounceMs: number;
  private readonly handlers: Handlers;

  constructor(private readonly deps: PaneDeps) {
    this.shell = renderShell(deps.root);
    this.debounceMs = deps.debounceMs ?? 350;
    this.managerEmail = deps.storage?.getItem(MANAGER_KEY) ?? "";
    this.handlers = {
      onKind: (category) => this.change({ category }),
      onAudience: (audience: Audience) => this.change({ audience }),
      onField: (name, value) => this.change({ fields: { ...this.selections.fields, [name]: value } }),
      onAlternative: (id, checked) => {
        const current = this.selections.alternatives ?? (this.draft?.alternatives.filter((a) => a.offered).map((a) => a.id) ?? []);
        const next = checked ? [...new Set([...current, id])] : current.filter((x) => x !== id);
        this.change({ alternatives: next });
      },
      onRightAbout: (text) => this.change({ theyAreRightAbout: text }),
      onInsert: (mode) => void this.insert(mode),
      onManagerEmail: (email) => this.saveManager(email),
      onCopyManager: () => void this.copyManager(),
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

    if (email.body.length > MAX_BODY_CHARS) {
      this.showError(new TooLargeError());
      return;
    }

    renderLoading(this.shell, "Finding the ask and drafting the no…");
    setStatus(this.shell, "Drafting…");
    const [classified, drafted] = await Promise.allSettled([
      this.deps.api.classify(classifyRequestFor(email)),
      this.deps.api.draft(buildDraftRequest(email, this.selections)),
    ]);
    if (generation !== this.generation) return;
    if (classified.status === "fulfilled") this.classify = classified.value;

    if (drafted.status === "rejected") {
      const error = drafted.reason;
      if (error instanceof NoRefusableAskError) {
        this.classify ??= error.classification;
        this.showNoAsk(error);
      } else {
        this.showError(error);
      }
      return;
    }
    this.accept(drafted.value);
    setStatus(this.shell, "Draft ready.", "success");
  }

  /** Applies a change of selection and schedules a re-draft. */
  change(patch: Partial<Selections>): void {
    this.selections = { ...this.selections, ...patch };
    if (this.phase !== "ready") return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.redraft();
    }, this.debounceMs);
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
        if (e instanceof NoRefusableAskError) {
          this.classify ??= e.classification;
          this.showNoAsk(e);
        } else if (e instanceof ApiError && (e.kind === "unreachable" || e.kind === "other") && this.draft) {
          // Keep the last good draft on screen; say what happened.
          this.render();
          setStatus(this.shell, `The draft could not be updated: ${plainWords(e).message}`, "error");
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

  async insert(mode: InsertMode): Promise<void> {
    if (this.inserting) return;
    await this.flush();
    const draft = this.draft;
    if (!draft || this.phase !== "ready") return;
    this.inserting = true;
    this.render();
    try {
      const result = await this.deps.mailbox.insertDraft(draft, mode);
      let said = mode === "compose" ? "The draft is in your message." : mode === "replyAll" ? "The reply-all is open with the draft." : "The reply is open with the draft.";
      try {
        await this.deps.api.recordEvent(draft.id, { type: "inserted", mode: result.mode });
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

  private accept(draft: DraftResponse): void {
    this.draft = draft;
    this.knownFields = mergeKnownFields(this.knownFields, draft.missingFields);
    this.phase = "ready";
    this.render();
  }

  render(): void {
    if (this.phase !== "ready" || !this.email || !this.draft) return;
    const model = toViewModel({
      email: this.email,
      draft: this.draft,
      classify: this.classify,
      selections: this.selections,
      knownFields: this.knownFields,
    });
    renderPane(this.shell, model, this.handlers, { managerEmail: this.managerEmail, drafting: this.drafting, inserting: this.inserting });
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

  showError(error: unknown): void {
    const words = plainWords(error);
    const actions = [];
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
    if (!(error instanceof ApiError) || ["unreachable", "other", "signedOut"].includes(error.kind)) actions.push(this.retry());
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
      default:
        return { title: "Something went wrong", message: error.message };
    }
  }
  return { title: "Something went wrong", message: message(error) };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
