// Rendering. Email-derived text only ever goes through textContent / text nodes; the draft's
// HTML preview is sanitised by DOMPurify into a DOM fragment. Nothing here assigns innerHTML.
import type { ChoiceView, ConfirmView, Excerpt, PaneModel } from "./state";
import { AUDIENCE_LABELS } from "./state";
import type { Audience, InsertMode } from "./types";
import { AUDIENCES } from "./types";
import { actionRow, append, clear, el } from "./dom";
import type { Action } from "./dom";
import { DRAFT_TEXT_ID, draftSection } from "./draft-view";
import type { DraftHandlers, DraftUi } from "./draft-view";
import { readingSection } from "./reading-view";
import type { ReadingHandlers } from "./reading-view";

export { el, sanitizeToFragment } from "./dom";
export type { Action } from "./dom";

export interface Shell {
  root: HTMLElement;
  status: HTMLElement;
  content: HTMLElement;
}

/** Builds the fixed frame once: a live status region outside the part that is re-rendered. */
export function renderShell(root: HTMLElement): Shell {
  clear(root);
  const status = el("div", { id: "status", className: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const content = el("main", { id: "content", className: "content", "aria-busy": "false" });
  append(
    root,
    el("header", { className: "brand" }, el("h1", {}, "Say no")),
    status,
    content,
  );
  return { root, status, content };
}

export function setStatus(shell: Shell, text: string, tone: "info" | "error" | "success" = "info"): void {
  shell.status.textContent = text;
  shell.status.className = `status status-${tone}`;
  shell.status.hidden = text.length === 0;
}

export function renderLoading(shell: Shell, message: string): void {
  clear(shell.content);
  shell.content.setAttribute("aria-busy", "true");
  append(shell.content, el("div", { className: "loading" }, el("span", { className: "spinner", "aria-hidden": "true" }), el("p", {}, message)));
}

export function renderProblem(shell: Shell, problem: { title: string; message: string; actions?: Action[]; email?: { subject: string; sender: string } }): void {
  clear(shell.content);
  shell.content.setAttribute("aria-busy", "false");
  append(
    shell.content,
    problem.email ? emailHeader(problem.email.subject, problem.email.sender) : null,
    el(
      "section",
      { className: "problem", role: "alert" },
      el("h2", {}, problem.title),
      el("p", {}, problem.message),
      problem.actions?.length ? actionRow(problem.actions) : null,
    ),
  );
}

function emailHeader(subject: string, sender: string): HTMLElement {
  return el(
    "section",
    { className: "email", "aria-label": "The email" },
    el("p", { className: "email-subject" }, subject || "(no subject)"),
    sender ? el("p", { className: "email-sender" }, sender) : null,
  );
}

export function renderNoAsk(
  shell: Shell,
  view: { subject: string; sender: string; message: string; kinds: { value: string; label: string }[]; onDraft: (kind: string) => void },
): void {
  clear(shell.content);
  shell.content.setAttribute("aria-busy", "false");
  const select = el(
    "select",
    { id: "noask-kind" },
    ...view.kinds.map((k) => el("option", { value: k.value }, k.label)),
  );
  append(
    shell.content,
    emailHeader(view.subject, view.sender),
    el(
      "section",
      { className: "problem", role: "alert" },
      el("h2", {}, "Nothing to say no to"),
      el("p", {}, view.message),
      el("p", {}, "If there is an ask Say no missed, pick its kind and draft a no anyway."),
      el("label", { for: "noask-kind" }, "What they ask for"),
      select,
      actionRow([{ label: "Draft a no anyway", primary: true, onClick: () => view.onDraft(select.value) }]),
    ),
  );
}

/** The ask is small enough to consider a yes: why (the figures against the limit), the customer's sentence, and a way to a no. */
export function renderConsiderYes(
  shell: Shell,
  view: { subject: string; sender: string; reason: string; evidence: string[]; onDraftNo: () => void },
): void {
  clear(shell.content);
  shell.content.setAttribute("aria-busy", "false");
  append(
    shell.content,
    emailHeader(view.subject, view.sender),
    el(
      "section",
      { className: "consider-yes", id: "consider-yes", "aria-labelledby": "consider-yes-title" },
      el("h2", { id: "consider-yes-title" }, "Consider a yes"),
      el("p", { id: "consider-yes-why" }, view.reason),
      ...view.evidence.map((t) => el("blockquote", { className: "stance-evidence" }, t)),
      el("p", { className: "consider-yes-next" }, "No refusal has been drafted. If you agree, reply in your own words; if not, draft the no."),
      actionRow([{ label: "Draft a no anyway", primary: true, onClick: view.onDraftNo }]),
    ),
  );
}

/** Unsure reading: the two candidates with their evidence; the account manager picks before anything is drafted. */
export function renderChoice(shell: Shell, view: ChoiceView & { onPick: (kind: string) => void; onNothing: () => void }): void {
  clear(shell.content);
  shell.content.setAttribute("aria-busy", "false");
  const others = view.kinds.filter((k) => !view.candidates.some((c) => c.category === k.value));
  const select = el("select", { id: "choice-kind" }, ...others.map((k) => el("option", { value: k.value }, k.label)));
  append(
    shell.content,
    emailHeader(view.subject, view.sender),
    el(
      "section",
      { className: "choice", "aria-labelledby": "choice-title" },
      el("h2", { id: "choice-title" }, "Which ask is this?"),
      el("p", {}, view.reason),
      ...view.candidates.map((c, i) =>
        el(
          "div",
          { className: "candidate" },
          el("h3", {}, c.label, el("span", { className: "confidence" }, ` ${c.confidence}%`)),
          excerptList(c.excerpts, `Why it may be ${c.label.toLowerCase()}`),
          actionRow([
            c.nothing
              ? { label: "Nothing to refuse", primary: i === 0, onClick: () => view.onNothing() }
              : { label: `Draft a no: ${c.label.toLowerCase()}`, primary: i === 0, onClick: () => view.onPick(c.category) },
          ]),
        ),
      ),
      others.length
        ? el(
            "div",
            { className: "candidate" },
            el("label", { for: "choice-kind" }, "Something else"),
            select,
            actionRow([{ label: "Draft a no for this", onClick: () => view.onPick(select.value) }]),
          )
        : null,
    ),
  );
}

export interface Handlers {
  onKind(category: string): void;
  onAudience(audience: Audience): void;
  onField(name: string, value: string): void;
  onAlternative(id: string, checked: boolean): void;
  onAlso(category: string, checked: boolean): void;
  onRightAbout(text: string): void;
  onInsert(mode: InsertMode): void;
  onManagerEmail(email: string): void;
  onCopyManager(): void;
  /** Save to Drafts (through the API and Graph), with or without the manager in Cc. */
  onSaveToDrafts(ccManager: boolean): void;
  onReplyAll(replyAll: boolean): void;
  onOpenLink(url: string): void;
  /** "I've sent it — check Sent Items". */
  onConfirmSent(): void;
}

/** The whole pane's handlers: the draft's and the chips' are optional, so a view without them (a
 * read-only render) still works; the controller always gives them. */
export type PaneHandlers = Handlers & Partial<DraftHandlers> & Partial<Omit<ReadingHandlers, "onKind" | "onField">>;

export type Tone = "info" | "error" | "success";

/** A message about the last save or Sent Items check, with what the user can do about it. */
export interface Notice {
  about: "save" | "confirm";
  text: string;
  tone: Tone;
  actions: Action[];
}

/** The Drafts-folder part of the pane; the controller keeps it across re-renders. */
export interface DraftsUi {
  /** The server has no mailbox access (mailbox-unavailable): no buttons, and a note that Insert reply still works. */
  unavailable: boolean;
  saving: boolean;
  confirming: boolean;
  replyAll: boolean;
  notice: Notice | null;
  saved: { text: string; webLink: string | null } | null;
  /** Offer "check Sent Items": after a save, or after an insert whose send the on-send handler will not log. */
  confirmOffered: boolean;
  confirmed: ConfirmView | null;
}

export interface UiState {
  managerEmail: string;
  drafting: boolean;
  inserting: boolean;
  /** Absent: no Drafts section (as before the mailbox routes). */
  drafts?: DraftsUi;
  /** The draft's edit, confirm and stale state; absent: the generated text, nothing pending. */
  draft?: DraftUi;
  /** The chip whose editor is open. */
  openChip?: string | null;
}

/** Insert and Save are off while the draft on screen is not the one for the choices made. */
function blocked(ui: UiState): boolean {
  return ui.draft !== undefined && (ui.draft.stale !== null || ui.draft.confirm !== null);
}

export const SAVE_WITH_CC = "Save to Drafts with my manager in Cc";
export const SAVE_WITHOUT_CC = "Save to Drafts";
export const CONFIRM_SENT = "I've sent it — check Sent Items";
export const MAILBOX_UNAVAILABLE_TEXT =
  "This server has no access to mailboxes, so Say no cannot save to your Drafts folder or check your Sent Items. Insert reply still works.";

function excerptList(excerpts: Excerpt[], label: string): HTMLElement | null {
  if (excerpts.length === 0) return null;
  return el(
    "ul",
    { className: "evidence", "aria-label": label },
    ...excerpts.map((x) =>
      el("li", {}, ...x.segments.map((s) => (s.mark ? el("mark", {}, s.text) : document.createTextNode(s.text)))),
    ),
  );
}

/** Inputs whose typing is not state yet (an open chip's editor): carried over a re-render. */
const UNSAVED_INPUTS = ["chip-figure-input", "chip-reason-input"];

/**
 * Re-renders the pane, keeping the focused control (by id), its caret, the draft's scroll and any
 * unsaved chip input. The draft comes first, so it is on the first screen of a narrow pane; the
 * analysis (the chips, flags, figures, checks and the evidence) follows it.
 */
export function renderPane(shell: Shell, model: PaneModel, handlers: PaneHandlers, ui: UiState): void {
  const active = document.activeElement as HTMLInputElement | null;
  const focusId = active && shell.content.contains(active) ? active.id : "";
  const caret = focusId && typeof active?.selectionStart === "number" ? [active.selectionStart, active.selectionEnd ?? active.selectionStart] : null;
  const scroll = document.getElementById(DRAFT_TEXT_ID)?.scrollTop ?? 0;
  const unsaved = new Map(UNSAVED_INPUTS.map((id) => [id, (document.getElementById(id) as HTMLInputElement | null)?.value]));

  clear(shell.content);
  shell.content.setAttribute("aria-busy", ui.drafting ? "true" : "false");
  append(
    shell.content,
    emailHeader(model.subject, model.sender),
    draftSection(model, ui, handlers),
    readingSection(model, ui.openChip ?? null, handlers),
    model.pressure ? pressureBanner(model, handlers, ui) : null,
    audienceSection(model, handlers),
    dataSection(model, handlers),
    alternativesSection(model, handlers),
    otherAsksSection(model, handlers),
    rightAboutSection(model, handlers),
    checksSection(model),
    asksSection(model),
    ui.drafts ? draftsSection(model, ui.drafts, handlers, blocked(ui)) : null,
    insertSection(model, handlers, ui),
  );

  const text = document.getElementById(DRAFT_TEXT_ID);
  if (text) text.scrollTop = scroll;
  for (const [id, value] of unsaved) {
    const input = document.getElementById(id) as HTMLInputElement | null;
    if (input && value !== undefined) input.value = value;
  }
  if (focusId) {
    const again = document.getElementById(focusId) as HTMLInputElement | null;
    if (again) {
      again.focus();
      if (caret && typeof again.setSelectionRange === "function" && again.type !== "radio" && again.type !== "checkbox") {
        try {
          again.setSelectionRange(caret[0]!, caret[1]!);
        } catch {
          /* some input types have no caret */
        }
      }
    }
  }
}

/** How Say no read the email: each ask it found, how sure it is, and the words that show it. */
function asksSection(model: PaneModel): HTMLElement {
  return el(
    "section",
    { className: "card", "aria-labelledby": "asks-title" },
    el("h2", { id: "asks-title" }, "How Say no read the email"),
    model.asks.length === 0 ? el("p", { className: "muted" }, "No ask was found; you chose the kind.") : null,
    model.readFromMailbox
      ? el("p", { className: "muted" }, "This email is too long to send to Say no, so it read it from your mailbox; its words are not highlighted here.")
      : null,
    ...model.asks.map((a) =>
      el(
        "div",
        { className: a.primary ? "ask ask-primary" : "ask" },
        el(
          "p",
          { className: "ask-title" },
          el("strong", {}, a.label),
          " ",
          el("span", { className: "confidence", title: "How sure Say no is" }, `${a.confidence}% sure`),
          a.primary ? null : el("span", { className: "muted" }, " (also asked)"),
        ),
        excerptList(a.excerpts, `Words that show: ${a.label}`),
      ),
    ),
  );
}

function pressureBanner(model: PaneModel, h: Handlers, ui: UiState): HTMLElement {
  const p = model.pressure!;
  const what = p.threat && p.abusive ? "This email threatens and insults" : p.threat ? "This email uses a threat" : p.abusive ? "This email is abusive" : "This email puts you under pressure";
  const input = el("input", {
    id: "manager-email",
    type: "email",
    autocomplete: "email",
    placeholder: "manager@yourcompany.com",
    value: ui.managerEmail,
    onchange: (e: Event) => h.onManagerEmail((e.target as HTMLInputElement).value),
  });
  const compose = model.mode === "compose";
  // In read mode with Save to Drafts, the server copies the manager from the directory: no address to type.
  const savesWithCc = !compose && ui.drafts !== undefined && canSave(model, ui.drafts);
  return el(
    "section",
    { className: "banner banner-warning", role: "note", "aria-labelledby": "pressure-title" },
    el("h2", { id: "pressure-title" }, what),
    excerptList(p.excerpts, "Words that show the pressure"),
    el(
      "ul",
      { className: "advice" },
      el("li", {}, "Stay calm and polite: the draft does not answer in kind."),
      el("li", {}, "Concede nothing because of the pressure: the answer stands on its reasons."),
      el("li", {}, "Copy your manager, so others know the decision was made and why."),
    ),
    savesWithCc ? null : el("label", { for: "manager-email" }, "Your manager's email"),
    savesWithCc ? null : input,
    compose
      ? actionRow([{ label: "Copy my manager", onClick: () => { h.onManagerEmail(input.value); h.onCopyManager(); } }])
      : savesWithCc
        ? el(
            "p",
            { className: "muted" },
            `${SAVE_WITH_CC} (below) saves the reply in your Drafts folder with the manager in your directory profile on Cc. ` +
              "Insert reply cannot add Cc: if you use it, add your manager in the reply.",
          )
        : el(
            "p",
            { className: "muted" },
            "Outlook does not let Say no add Cc to a reply it opens. After you insert the reply, add your manager to Cc there, " +
              "or open Say no in the reply and choose Copy my manager.",
          ),
  );
}

function audienceSection(model: PaneModel, h: Handlers): HTMLElement {
  return el(
    "fieldset",
    { className: "card" },
    el("legend", {}, "Who will read it"),
    el(
      "div",
      { className: "radios" },
      ...AUDIENCES.map((a) =>
        el(
          "div",
          { className: "radio" },
          el("input", {
            type: "radio",
            name: "audience",
            id: `audience-${a}`,
            value: a,
            checked: a === model.audience.selected,
            onchange: () => h.onAudience(a),
          }),
          el("label", { for: `audience-${a}` }, AUDIENCE_LABELS[a], a === model.audience.suggested ? " (suggested)" : ""),
        ),
      ),
    ),
    model.audience.reason ? el("p", { className: "muted" }, `Suggested ${AUDIENCE_LABELS[model.audience.suggested].toLowerCase()}: ${model.audience.reason}.`) : null,
  );
}

function dataSection(model: PaneModel, h: Handlers): HTMLElement {
  return el(
    "section",
    { className: "card", "aria-labelledby": "data-title" },
    el("h2", { id: "data-title" }, "Figures used"),
    model.dataPoints.length === 0
      ? el("p", { className: "muted" }, "No figures yet.")
      : el(
          "dl",
          { className: "datapoints" },
          ...model.dataPoints.flatMap((d) => [el("dt", {}, d.label), el("dd", {}, d.value, " ", el("span", { className: "source" }, `(${d.source})`))]),
        ),
    model.setAside.length
      ? el("p", { className: "muted", id: "set-aside" }, `Not used for this kind (you typed them for another): ${model.setAside.join(", ")}.`)
      : null,
    ...model.fields.map((f) =>
      el(
        "div",
        { className: "field" },
        el("label", { for: `field-${f.name}` }, f.label, f.missing ? el("span", { className: "needed" }, " (needed)") : null),
        el("input", {
          id: `field-${f.name}`,
          type: "text",
          inputmode: f.unit && ["percent", "money", "days", "hours", "months", "number"].includes(f.unit) ? "decimal" : undefined,
          value: f.value,
          oninput: (e: Event) => h.onField(f.name, (e.target as HTMLInputElement).value),
        }),
      ),
    ),
  );
}

/** One ticked-or-not choice of a checklist, with its label and, after it, any note. */
function checkRow(id: string, value: string, checked: boolean, label: string, onChange: (checked: boolean) => void, note: HTMLElement | null = null): HTMLElement {
  return el(
    "div",
    { className: "check" },
    el("input", { type: "checkbox", id, value, checked, onchange: (e: Event) => onChange((e.target as HTMLInputElement).checked) }),
    el("label", { for: id }, label),
    note,
  );
}

function alternativesSection(model: PaneModel, h: Handlers): HTMLElement {
  return el(
    "fieldset",
    { className: "card" },
    el("legend", {}, "Alternatives to offer"),
    model.alternatives.length === 0 ? el("p", { className: "muted" }, "This kind has no alternatives.") : null,
    ...model.alternatives.map((a) => checkRow(`alt-${a.id}`, a.id, a.checked, a.title, (checked) => h.onAlternative(a.id, checked))),
  );
}

/** The email's other asks: each one ticked gets a sentence of its own in the draft. */
function otherAsksSection(model: PaneModel, h: Handlers): HTMLElement {
  return el(
    "fieldset",
    { className: "card", testid: "other-asks" },
    el("legend", {}, "Also answer"),
    el("p", { className: "muted" }, "Tick anything else the email asks for; the draft answers each in a sentence of its own."),
    ...model.otherAsks.map((a) =>
      checkRow(`also-${a.value}`, a.value, a.checked, a.label, (checked) => h.onAlso(a.value, checked),
        // The customer's words, as text: never markup from an email.
        a.read ? el("span", { className: "muted also-read" }, ` (read in the email: "${a.read}")`) : null),
    ),
  );
}

function rightAboutSection(model: PaneModel, h: Handlers): HTMLElement {
  return el(
    "section",
    { className: "card field" },
    el("label", { for: "right-about" }, "They are right about… (optional)"),
    el("input", {
      id: "right-about",
      type: "text",
      value: model.theyAreRightAbout,
      placeholder: "the delay last quarter was ours",
      oninput: (e: Event) => h.onRightAbout((e.target as HTMLInputElement).value),
    }),
  );
}

/** The five checks of the generated text. */
function checksSection(model: PaneModel): HTMLElement {
  return el(
    "section",
    { className: "card", "aria-labelledby": "checks-title" },
    el("h2", { id: "checks-title" }, "Checks of the draft"),
    checkChips(model.checks, "Checks"),
    model.checkNotes.length ? el("ul", { className: "notes" }, ...model.checkNotes.map((n) => el("li", {}, n))) : null,
  );
}

function checkChips(checks: { label: string; pass: boolean }[], label: string): HTMLElement {
  return el(
    "ul",
    { className: "checks", "aria-label": label },
    ...checks.map((c) =>
      el("li", { className: c.pass ? "chip pass" : "chip fail" }, el("span", { "aria-hidden": "true" }, c.pass ? "✓ " : "✗ "), c.label, el("span", { className: "sr-only" }, c.pass ? ": passed" : ": failed")),
    ),
  );
}

function noticeView(notice: Notice | null, about: Notice["about"]): HTMLElement | null {
  if (!notice || notice.about !== about) return null;
  return el(
    "div",
    { className: `notice notice-${notice.tone}`, id: `${about}-notice` },
    el("p", {}, notice.text),
    notice.actions.length ? actionRow(notice.actions) : null,
  );
}

/**
 * Save to Drafts (read mode): the reply goes to the Drafts folder through the API, with the manager on Cc
 * when asked; that button leads when the draft advises copying the manager (threats, abuse). Then, or after
 * an insert the on-send handler will not log, "check Sent Items" records the send from the mailbox.
 */
function draftsSection(model: PaneModel, d: DraftsUi, h: Handlers, stale = false): HTMLElement | null {
  const save = canSave(model, d);
  const unavailable = d.unavailable && model.canSaveToDrafts;
  if (!save && !unavailable && !d.confirmOffered && !d.saved && !d.notice && !d.confirmed) return null;
  const busy = d.saving || d.confirming;
  // A stale draft (a new one on its way, or not made) is never saved.
  const withCc = { label: SAVE_WITH_CC, onClick: () => h.onSaveToDrafts(true), disabled: busy || stale };
  const withoutCc = { label: SAVE_WITHOUT_CC, onClick: () => h.onSaveToDrafts(false), disabled: busy || stale };
  return el(
    "section",
    { className: "card", id: "outlook-drafts", "aria-labelledby": "drafts-title", "aria-busy": busy ? "true" : "false" },
    el("h2", { id: "drafts-title" }, save || unavailable ? "Save in Outlook" : "After you send"),
    save
      ? el(
          "div",
          { className: "check" },
          el("input", {
            type: "checkbox",
            id: "save-reply-all",
            checked: d.replyAll,
            disabled: busy,
            onchange: (e: Event) => h.onReplyAll((e.target as HTMLInputElement).checked),
          }),
          el("label", { for: "save-reply-all" }, "Reply all"),
        )
      : null,
    save
      ? actionRow(
          // While a notice offers its own way forward (no manager: save without Cc), that is the one primary button.
          model.managerCopyAdvised && !(d.notice?.about === "save" && d.notice.actions.length > 0)
            ? [{ ...withCc, primary: true }, withoutCc]
            : model.managerCopyAdvised ? [withCc, withoutCc] : [withoutCc, withCc],
        )
      : null,
    unavailable ? el("p", { className: "muted", id: "mailbox-unavailable" }, MAILBOX_UNAVAILABLE_TEXT) : null,
    noticeView(d.notice, "save"),
    d.saved
      ? el(
          "div",
          { className: "saved", id: "saved" },
          el("p", {}, d.saved.text),
          d.saved.webLink ? openLink(d.saved.webLink, h) : null,
        )
      : null,
    d.confirmOffered && !d.saved && !save
      ? el("p", { className: "muted" }, "Outlook here does not tell Say no when this reply is sent. After you send it, Say no can find it in your Sent Items.")
      : null,
    d.confirmOffered ? actionRow([{ label: CONFIRM_SENT, onClick: () => h.onConfirmSent(), disabled: busy }]) : null,
    d.confirmed ? confirmedView(d.confirmed) : null,
    noticeView(d.notice, "confirm"),
  );
}

/** Save to Drafts is offered for a received message with an id, until the server says it has no mailbox
 * access, and once: after a save the reply is in Drafts, and a second click would make a second draft. */
function canSave(model: PaneModel, d: DraftsUi): boolean {
  return model.canSaveToDrafts && !d.unavailable && !d.saved;
}

function openLink(url: string, h: Handlers): HTMLElement {
  return el(
    "a",
    {
      href: url,
      target: "_blank",
      rel: "noopener noreferrer",
      className: "button-link",
      id: "open-in-outlook",
      onclick: (e: Event) => {
        e.preventDefault();
        h.onOpenLink(url);
      },
    },
    "Open in Outlook",
  );
}

function confirmedView(c: ConfirmView): HTMLElement {
  return el(
    "div",
    { className: "confirmed", id: "confirmed" },
    el("p", {}, c.text),
    c.checks.length ? checkChips(c.checks, "Checks of the reply as sent") : null,
    c.unchanged === undefined ? null : el("p", { className: "muted" }, c.unchanged ? "Sent as drafted." : "Edited before sending."),
    c.reasons.length ? el("ul", { className: "notes" }, ...c.reasons.map((r) => el("li", {}, r))) : null,
  );
}

function insertSection(model: PaneModel, h: Handlers, ui: UiState): HTMLElement {
  const stale = blocked(ui);
  // The reason Insert is off, where the buttons are (the draft card may be scrolled away).
  const why = !stale ? null : ui.draft?.confirm ? "Answer the question under the draft first." : ui.draft?.stale?.failed ? "The draft could not be updated: try again under the draft." : "Wait for the new draft…";
  return el(
    "div",
    { className: "actions sticky", id: "insert-bar" },
    why ? el("p", { className: "insert-note", id: "insert-note", role: "status" }, why) : null,
    ...model.inserts.map((i, n) =>
      el(
        "button",
        { type: "button", className: n === 0 ? "primary" : "secondary", disabled: ui.inserting || stale, onclick: () => h.onInsert(i.mode) },
        i.label,
      ),
    ),
  );
}
