// The draft card, first in the pane: the reply as editable plain text, what happens to an edit when
// the draft is made again, why Insert is off while a new draft is on its way, and how the reply will
// look in Outlook. The text goes into the textarea as its value, never as markup.
import { actionRow, el, sanitizeToFragment } from "./dom";
import { textToHtml } from "./draft-text";
import { STANCES } from "./reading";
import type { PaneModel } from "./state";

export interface DraftUi {
  /** The text as the account manager edited it; null: the generated text is on screen. */
  edited: string | null;
  /** A change waits for the account manager to say whether it may replace their edits. */
  confirm: { what: string } | null;
  /** Why Insert and Save are off: a new draft is on its way (pending) or could not be made (failed). */
  stale: { text: string; failed: boolean } | null;
}

export interface DraftHandlers {
  onDraftText(text: string): void;
  onRestoreDraft(): void;
  /** The answer to the confirm: replace the edits with a new draft, or keep them (and drop the change). */
  onConfirmReplace(replace: boolean): void;
  onRetryDraft(): void;
}

export const DRAFT_TEXT_ID = "draft-text";
export const EDITED_NOTE = "You changed this text. Insert and Save use your text.";

/** The reply text, the way it is going to Outlook. */
export function draftSection(model: PaneModel, ui: { drafting: boolean; draft?: DraftUi }, h: Partial<DraftHandlers>): HTMLElement {
  const d = ui.draft ?? { edited: null, confirm: null, stale: null };
  const text = d.edited ?? model.preview.text;
  // While a new draft is on its way the text would be replaced under the typing: read-only until it lands.
  const waiting = ui.drafting || (d.stale !== null && !d.stale.failed);
  const box = el("textarea", {
    id: DRAFT_TEXT_ID,
    className: "draft-text",
    rows: 14,
    spellcheck: "true",
    "aria-describedby": "draft-help",
    readonly: waiting,
    value: text,
    oninput: (e: Event) => h.onDraftText?.((e.target as HTMLTextAreaElement).value),
  });
  return el(
    "section",
    { className: "card draft-card", id: "draft-card", "aria-labelledby": "draft-title" },
    el("h2", { id: "draft-title" }, "Draft", ui.drafting ? el("span", { className: "muted" }, " (updating…)") : null),
    stanceNote(model),
    el("p", { className: "preview-subject" }, model.preview.subject),
    el("label", { for: DRAFT_TEXT_ID, className: "sr-only" }, "Reply text"),
    box,
    el("p", { className: "muted", id: "draft-help" }, "Edit the text here before you insert it. A blank line starts a paragraph; a line starting “- ” is a bullet."),
    editedNote(d.edited !== null, h),
    d.confirm ? confirmBox(d.confirm.what, h) : null,
    d.stale ? staleNote(d.stale, h) : null,
    lookSection(model, d.edited),
  );
}

/** One line before the draft when it takes a stance other than a plain no: the account manager sees the
 * judgement before the words, and where to change it. */
function stanceNote(model: PaneModel): HTMLElement | null {
  const s = model.reading.stance;
  if (!s || s.taken === "refuse") return null;
  const label = STANCES.find((x) => x.value === s.taken)?.label ?? s.suggestedLabel;
  const why = s.taken === s.suggested && s.reason ? ` ${s.reason}` : "";
  return el("p", { className: "stance-note", id: "stance-note" }, `${label}.${why} Change it under Stance below.`);
}

function editedNote(edited: boolean, h: Partial<DraftHandlers>): HTMLElement {
  return el(
    "div",
    { className: "edited-note", id: "draft-edited", hidden: !edited },
    el("p", {}, EDITED_NOTE),
    actionRow([{ label: "Undo my changes", id: "draft-restore", onClick: () => h.onRestoreDraft?.() }]),
  );
}

function confirmBox(what: string, h: Partial<DraftHandlers>): HTMLElement {
  return el(
    "div",
    { className: "notice notice-warning", id: "draft-confirm", role: "alert" },
    el("p", {}, `${what} makes a new draft, which replaces the changes you made to the text.`),
    actionRow([
      { label: "Make a new draft", primary: true, id: "draft-confirm-replace", onClick: () => h.onConfirmReplace?.(true) },
      { label: "Keep my text", id: "draft-confirm-keep", onClick: () => h.onConfirmReplace?.(false) },
    ]),
  );
}

function staleNote(stale: NonNullable<DraftUi["stale"]>, h: Partial<DraftHandlers>): HTMLElement {
  return el(
    "div",
    { className: `notice ${stale.failed ? "notice-error" : ""}`.trim(), id: "draft-stale" },
    el("p", {}, stale.text),
    stale.failed ? actionRow([{ label: "Try again", id: "draft-retry", onClick: () => h.onRetryDraft?.() }]) : null,
  );
}

/** How the reply will look in Outlook (paragraphs, bullets): the generated HTML, or the edited text's. */
function lookSection(model: PaneModel, edited: string | null): HTMLElement {
  const preview = el("div", { className: "preview", id: "preview", tabindex: 0, "aria-label": "How the reply will look" });
  preview.appendChild(sanitizeToFragment(edited === null ? model.preview.html : textToHtml(edited)));
  return el("details", { className: "look" }, el("summary", {}, "How it will look in Outlook"), preview);
}

/** After typing in the draft: show or hide the "you changed this" note and refresh the look, without
 * rebuilding the pane (which would move the caret and the scroll of the text). */
export function updateDraftEdited(root: ParentNode, generatedHtml: string, edited: string | null): void {
  const note = root.querySelector<HTMLElement>("#draft-edited");
  if (note) note.hidden = edited === null;
  const preview = root.querySelector<HTMLElement>("#preview");
  if (preview) preview.replaceChildren(sanitizeToFragment(edited === null ? generatedHtml : textToHtml(edited)));
}
