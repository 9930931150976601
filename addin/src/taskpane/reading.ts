// The ask as chips the account manager can correct: the kind, the key figure, their reason and any
// offer, and the figures whose role the reading could not tell. Pure: draft response + selections ->
// what the chips show. Tolerates an API without `reading` (falls back to the classification).
import { humanizeId, kindTitle } from "../shared/labels";
import type { Selections } from "./state";
import type { DraftResponse, Evidence, ReadingFigure } from "./types";

export interface FieldChoice {
  name: string;
  label: string;
}

export interface FigureChip {
  /** What the chip shows: the value typed for its field, else the figure as written in the email. */
  text: string;
  roleLabel: string;
  /** The data point it fills; null: nothing to correct (the chip is read-only). */
  field: string | null;
  fieldLabel: string;
  /** The account manager typed a value for the field. */
  typed: boolean;
}

export interface UnclearFigure {
  /** Stable across re-drafts of the same email: where the figure is in the body. */
  key: string;
  text: string;
  /** The fields it may fill, by label. */
  choices: FieldChoice[];
  /** The field it was placed in (its typed value is this figure), or null. */
  placedIn: string | null;
}

export interface ReadingView {
  /** False when the API sent no `reading`: only the kind and the asking sentence are known. */
  fromReading: boolean;
  kind: { id: string; label: string };
  /** The whole sentence that asks; "" when none is known. */
  request: string;
  /** The newest message's sentences the account manager can point to as the ask; empty from older APIs. */
  sentences: { index: number; text: string }[];
  /** The index of the sentence read as the ask, and whether the account manager pointed to it. */
  requestSentence: number | null;
  pointed: boolean;
  requested: FigureChip | null;
  /** Other figures whose role is known, read-only. */
  figures: { text: string; roleLabel: string }[];
  /** read: as the reading found it; yours: corrected; none: no reason (not found, or cleared). */
  reason: { text: string; state: "read" | "yours" | "none"; corrected: boolean };
  offer: string | null;
  unclear: UnclearFigure[];
  /** The stance taken, and the one suggested with the customer's sentences; null from older APIs. */
  stance: StanceView | null;
}

export interface StanceView {
  taken: string;
  suggested: string;
  suggestedLabel: string;
  reason: string;
  evidence: string[];
}

/** The stances the pane offers, in plain words (the API drafts the first three; "Consider a yes" drafts nothing). */
export const STANCES: { value: string; label: string }[] = [
  { value: "refuse", label: "Say no" },
  { value: "own_part", label: "Own our part" },
  { value: "imposed", label: "Answer an imposition" },
  { value: "small", label: "Consider a yes" },
];

/** The fields a figure can fill: those the draft still needs and those of the kind already filled
 * from the email or by the account manager (not facts, not computed values). */
export function fieldChoices(draft: Pick<DraftResponse, "missingFields" | "dataPoints">): FieldChoice[] {
  const out = new Map<string, string>();
  for (const f of draft.missingFields ?? []) out.set(f.name, f.label || humanizeId(f.name));
  for (const d of draft.dataPoints ?? []) {
    if ((d.source === "email" || d.source === "field") && !out.has(d.name)) out.set(d.name, d.label || humanizeId(d.name));
  }
  return [...out].map(([name, label]) => ({ name, label }));
}

function labelOf(name: string, draft: Pick<DraftResponse, "missingFields" | "dataPoints">): string {
  return (
    draft.missingFields?.find((f) => f.name === name)?.label ||
    draft.dataPoints?.find((d) => d.name === name)?.label ||
    humanizeId(name)
  );
}

function typedValue(selections: Selections, field: string | null): string {
  return field ? (selections.fields[field] ?? "").trim() : "";
}

/** The sentence that asks, when the API sent no reading: the evidence of the finding for the drafted kind. */
function askingSentence(draft: DraftResponse, category: string): string {
  const c = draft.classification;
  const findings = [c?.primary, ...(c?.secondary ?? []), draft.ask].filter((f) => f && f.category === category);
  const evidence: Evidence[] = findings[0]?.evidence ?? [];
  return evidence
    .filter((e) => e.in !== "subject")
    .map((e) => e.text.trim())
    .filter((t) => t.length > 0)
    .join(" … ");
}

function stanceView(draft: DraftResponse): StanceView | null {
  const s = draft.stance;
  if (!s) return null;
  return { taken: s.taken, suggested: s.suggested, suggestedLabel: s.suggestedLabel, reason: s.reason, evidence: (s.evidence ?? []).map((e) => e.text) };
}

export function readingView(draft: DraftResponse, selections: Selections): ReadingView {
  const reading = draft.reading ?? null;
  const category = draft.category;
  // The reading is of the kind the server read; after a switch the draft's kind is what the chip shows.
  const sameKind = reading !== null && reading.kind === category;
  const kind = { id: category, label: sameKind && reading.kindLabel ? reading.kindLabel : kindTitle(category) };

  if (!reading) {
    return {
      fromReading: false,
      kind,
      request: askingSentence(draft, category),
      sentences: [],
      requestSentence: null,
      pointed: false,
      requested: null,
      figures: [],
      reason: { text: "", state: "none", corrected: false },
      offer: null,
      unclear: [],
      stance: stanceView(draft),
    };
  }

  const requested = sameKind ? figureChip(reading.requested, draft, selections) : null;
  const choices = fieldChoices(draft);
  const figures = (reading.figures ?? []).filter((f) => f.role !== "unclear" && f !== reading.requested && !sameFigure(f, reading.requested));
  const unclear = (reading.figures ?? [])
    .filter((f) => f.role === "unclear")
    .map((f) => ({
      key: `${f.start}:${f.length}`,
      text: f.text,
      choices,
      placedIn: choices.find((c) => typedValue(selections, c.name) === f.text.trim())?.name ?? null,
    }));

  let reason: ReadingView["reason"];
  if (selections.reason === undefined || selections.reason === null) {
    reason = reading.reason?.text ? { text: reading.reason.text, state: "read", corrected: false } : { text: "", state: "none", corrected: false };
  } else if (selections.reason.trim() === "") {
    reason = { text: "", state: "none", corrected: true };
  } else {
    reason = { text: selections.reason, state: "yours", corrected: true };
  }

  return {
    fromReading: true,
    kind,
    request: (sameKind ? reading.request : askingSentence(draft, category)) || askingSentence(draft, category),
    sentences: reading.sentences ?? [],
    requestSentence: reading.requestSentence ?? null,
    pointed: reading.requestPointed === true,
    requested,
    figures: figures.map((f) => ({ text: f.text, roleLabel: f.roleLabel || humanizeId(f.role) })),
    reason,
    offer: reading.offer?.text || null,
    unclear,
    stance: stanceView(draft),
  };
}

function sameFigure(a: ReadingFigure, b: ReadingFigure | null): boolean {
  return b !== null && a.start === b.start && a.length === b.length;
}

function figureChip(figure: ReadingFigure | null, draft: DraftResponse, selections: Selections): FigureChip | null {
  if (!figure) return null;
  const typed = typedValue(selections, figure.field);
  return {
    text: typed || figure.text,
    roleLabel: figure.roleLabel || humanizeId(figure.role),
    field: figure.field,
    fieldLabel: figure.field ? labelOf(figure.field, draft) : "",
    typed: typed.length > 0,
  };
}
