// "What they ask": the reading as chips the account manager can correct. A chip opens a small editor
// in place (which chip is open is the controller's, so a re-render keeps it). Customer words go in as
// text only.
import { actionRow, el } from "./dom";
import { STANCES, type ReadingView } from "./reading";
import type { PaneModel } from "./state";

export interface ReadingHandlers {
  onKind(category: string): void;
  onField(name: string, value: string): void;
  /** The reason as corrected: "" for none given; null to go back to what was read. */
  onReason(reason: string | null): void;
  /** Puts a figure whose role was unclear into a field (null: into none). */
  onPlaceFigure(text: string, field: string | null): void;
  /** The stance the reply takes: refuse, own_part or imposed. */
  onStance(stance: string): void;
  /** Opens a chip's editor (by name), or closes it (null). */
  onChip(open: string | null): void;
  /** The sentence that asks, as the account manager points to it (null: back to what was read). */
  onAskSentence(index: number | null): void;
}

export type ChipName = "kind" | "figure" | "reason" | "ask";

export function readingSection(model: PaneModel, open: string | null, h: Partial<ReadingHandlers>): HTMLElement {
  const r = model.reading;
  return el(
    "section",
    { className: "card reading", id: "reading", "aria-labelledby": "reading-title" },
    el("h2", { id: "reading-title" }, "What they ask"),
    el(
      "ul",
      { className: "reading-chips", "aria-label": "The ask as Say no read it" },
      kindChip(model, open === "kind", h),
      r.requested ? figureChip(r.requested, open === "figure", h) : null,
      r.fromReading ? reasonChip(r.reason, open === "reason", h) : null,
      r.offer ? item("They offer", el("span", { className: "reading-chip reading-chip-fixed", id: "chip-offer" }, r.offer)) : null,
    ),
    askSentence(r, open === "ask", h),
    r.figures.length
      ? el("dl", { className: "reading-figures" }, ...r.figures.flatMap((f) => [el("dt", {}, f.roleLabel), el("dd", {}, f.text)]))
      : null,
    r.unclear.length ? unclearFigures(r.unclear, h) : null,
    r.stance ? stanceBlock(r.stance, h) : null,
  );
}

/**
 * The sentence that asks, as text, and a way to point to another one: the reply then refuses what that sentence
 * asks, takes its figure, and the "grounded" check counts it as the ask's evidence.
 */
function askSentence(r: ReadingView, open: boolean, h: Partial<ReadingHandlers>): HTMLElement | null {
  const canPoint = r.sentences.length > 1 || (r.sentences.length === 1 && r.requestSentence === null);
  if (!r.request && !canPoint) return null;
  const label = r.request ? (r.pointed ? "The ask, as you pointed to it" : "Not the sentence that asks?") : "Point to the sentence that asks";
  return el(
    "div",
    { className: "ask-block" },
    r.request ? el("blockquote", { className: "ask-sentence", id: "ask-sentence" }, r.request) : null,
    canPoint
      ? el(
          "button",
          { type: "button", className: "text-button", id: "chip-ask", "aria-expanded": open ? "true" : "false", "aria-controls": "chip-ask-editor", onclick: () => h.onChip?.(open ? null : "ask") },
          label,
        )
      : null,
    open
      ? editor(
          "ask",
          el("p", { id: "ask-choices-title" }, "Which sentence asks? The reply will refuse what it asks."),
          el(
            "ul",
            { className: "ask-choices", "aria-labelledby": "ask-choices-title" },
            ...r.sentences.map((s) =>
              el(
                "li",
                {},
                el(
                  "button",
                  {
                    type: "button",
                    className: s.index === r.requestSentence ? "ask-choice current" : "ask-choice",
                    "aria-pressed": s.index === r.requestSentence ? "true" : "false",
                    onclick: () => {
                      h.onChip?.(null);
                      h.onAskSentence?.(s.index);
                    },
                  },
                  s.text,
                ),
              ),
            ),
          ),
          r.pointed ? actionRow([{ label: "Use what Say no read", onClick: () => { h.onChip?.(null); h.onAskSentence?.(null); } }]) : null,
        )
      : null,
  );
}

/** The stance before the words: what the email suggests and why, with the customer's own sentence
 * (as text), and a choice that re-drafts. */
function stanceBlock(stance: NonNullable<ReadingView["stance"]>, h: Partial<ReadingHandlers>): HTMLElement {
  const select = el(
    "select",
    { id: "stance", onchange: (e: Event) => h.onStance?.((e.target as HTMLSelectElement).value) },
    ...STANCES.map((s) => el("option", { value: s.value, selected: s.value === stance.taken }, s.label)),
  );
  select.value = stance.taken;
  const suggests = stance.suggested !== "refuse";
  return el(
    "div",
    { className: "stance", id: "stance-block" },
    el("label", { for: "stance" }, "Stance"),
    select,
    suggests
      ? el("p", { className: "stance-why", id: "stance-why" }, `Suggested: ${stance.suggestedLabel}. ${stance.reason}`)
      : null,
    ...(suggests ? stance.evidence.map((t) => el("blockquote", { className: "stance-evidence" }, t)) : []),
  );
}

function item(label: string, ...content: (HTMLElement | null)[]): HTMLElement {
  return el("li", { className: "reading-item" }, el("span", { className: "reading-label" }, label), ...content);
}

/** A chip that opens its editor; its accessible name says what it is and what it holds. */
function chipButton(name: ChipName, label: string, text: string, open: boolean, h: Partial<ReadingHandlers>): HTMLElement {
  return el(
    "button",
    {
      type: "button",
      className: "reading-chip",
      id: `chip-${name}`,
      "aria-expanded": open ? "true" : "false",
      "aria-controls": `chip-${name}-editor`,
      "aria-label": `${label}: ${text}. Correct it`,
      onclick: () => h.onChip?.(open ? null : name),
    },
    el("span", { className: "reading-value" }, text),
    el("span", { className: "reading-edit", "aria-hidden": "true" }, " ✎"),
  );
}

function editor(name: ChipName, ...children: (HTMLElement | null)[]): HTMLElement {
  return el("div", { className: "chip-editor", id: `chip-${name}-editor` }, ...children);
}

function kindChip(model: PaneModel, open: boolean, h: Partial<ReadingHandlers>): HTMLElement {
  const label = model.reading.kind.label;
  const select = el(
    "select",
    {
      id: "kind",
      onchange: (e: Event) => {
        h.onChip?.(null);
        h.onKind?.((e.target as HTMLSelectElement).value);
      },
    },
    ...model.kinds.map((k) => el("option", { value: k.value, selected: k.value === model.category }, k.label)),
  );
  select.value = model.category;
  return item(
    "Ask",
    chipButton("kind", "Ask", label, open, h),
    open ? editor("kind", el("label", { for: "kind" }, "What they ask for is"), select) : null,
  );
}

function figureChip(figure: NonNullable<ReadingView["requested"]>, open: boolean, h: Partial<ReadingHandlers>): HTMLElement {
  if (!figure.field) {
    return item(figure.roleLabel, el("span", { className: "reading-chip reading-chip-fixed", id: "chip-figure" }, figure.text));
  }
  const field = figure.field;
  const input = el("input", { id: "chip-figure-input", type: "text", inputmode: "decimal", value: figure.text, autocomplete: "off" });
  const use = () => {
    h.onChip?.(null);
    h.onField?.(field, input.value);
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") use();
  });
  return item(
    figure.roleLabel,
    chipButton("figure", figure.roleLabel, figure.text, open, h),
    open
      ? editor(
          "figure",
          el("label", { for: "chip-figure-input" }, figure.fieldLabel),
          input,
          actionRow([
            { label: "Use this figure", primary: true, id: "chip-figure-use", onClick: use },
            { label: "Cancel", onClick: () => h.onChip?.(null) },
          ]),
        )
      : null,
  );
}

function reasonChip(reason: ReadingView["reason"], open: boolean, h: Partial<ReadingHandlers>): HTMLElement {
  const text = reason.state === "none" ? (reason.corrected ? "None (you cleared it)" : "None given") : reason.text;
  const input = el("input", { id: "chip-reason-input", type: "text", value: reason.text, autocomplete: "off" });
  const use = () => {
    h.onChip?.(null);
    h.onReason?.(input.value.trim());
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") use();
  });
  return item(
    "Their reason",
    chipButton("reason", "Their reason", text, open, h),
    open
      ? editor(
          "reason",
          el("label", { for: "chip-reason-input" }, "Their reason, as the reply should take it up"),
          input,
          actionRow([
            { label: "Use this reason", primary: true, id: "chip-reason-use", onClick: use },
            { label: "They gave no reason", id: "chip-reason-clear", onClick: () => { h.onChip?.(null); h.onReason?.(""); } },
            reason.corrected ? { label: "Use what Say no read", onClick: () => { h.onChip?.(null); h.onReason?.(null); } } : null,
          ].filter((a): a is NonNullable<typeof a> => a !== null)),
        )
      : null,
  );
}

function unclearFigures(unclear: ReadingView["unclear"], h: Partial<ReadingHandlers>): HTMLElement {
  return el(
    "div",
    { className: "unclear-figures", id: "unclear-figures" },
    el("p", {}, "Say no could not tell what these figures are. Say what each one is, or leave it unused:"),
    ...unclear.map((f, i) => {
      const id = `place-figure-${i + 1}`;
      const select = el(
        "select",
        { id, onchange: (e: Event) => h.onPlaceFigure?.(f.text, (e.target as HTMLSelectElement).value || null) },
        el("option", { value: "" }, "Not used"),
        ...f.choices.map((c) => el("option", { value: c.name, selected: c.name === f.placedIn }, c.label)),
      );
      select.value = f.placedIn ?? "";
      return el("div", { className: "field" }, el("label", { for: id }, `“${f.text}” is`), select);
    }),
  );
}
