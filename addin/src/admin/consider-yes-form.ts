// A form over kind.json's "consider a yes" rules: `smallWhen` (what the ask would cost, at most a fact) and
// `smallCues` (asks an account manager usually grants). Like the alternatives form, it edits the editor's text,
// so saving goes through the normal document save. Data points and facts are shown by their labels.
import { el, replace } from "./dom";

export interface FactOption {
  name: string;
  label: string;
  unit: string;
}

interface DataPointOption {
  name: string;
  label: string;
  unit: string;
}

export interface ConsiderYesFormOptions {
  read: () => string;
  write: (text: string) => void;
  /** The catalog's facts (loaded once, when the form is first shown). */
  loadFacts: () => Promise<FactOption[]>;
}

type Cue = { pattern: string; weight: number };

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The kind's numeric data points (a text finding cannot be compared with a limit). */
export function dataPointOptions(kind: Record<string, unknown>): DataPointOption[] {
  const list = Array.isArray(kind.dataPoints) ? kind.dataPoints : [];
  return list
    .map(record)
    .filter((d): d is Record<string, unknown> => d !== null && typeof d.name === "string" && typeof d.label === "string")
    .map((d) => ({ name: d.name as string, label: d.label as string, unit: typeof d.unit === "string" ? d.unit : "number" }))
    .filter((d) => d.unit !== "text" && d.unit !== "date");
}

export function cuesOf(kind: Record<string, unknown>): Cue[] {
  const list = Array.isArray(kind.smallCues) ? kind.smallCues : [];
  return list
    .map(record)
    .filter((c): c is Record<string, unknown> => c !== null && typeof c.pattern === "string")
    .map((c) => ({ pattern: c.pattern as string, weight: typeof c.weight === "number" ? c.weight : 1 }));
}

/** kind.json with `smallWhen` and `smallCues` replaced (absent when empty); 2-space indentation, final newline kept. */
export function withConsiderYes(original: string, kind: Record<string, unknown>, smallWhen: { dataPoint: string; atMostFact: string } | null, phrases: string[]): string {
  const next: Record<string, unknown> = { ...kind };
  const before = cuesOf(kind);
  const cues = phrases.map((p) => p.trim()).filter((p) => p.length > 0).map((pattern) => ({ pattern, weight: before.find((c) => c.pattern === pattern)?.weight ?? 1 }));
  if (cues.length > 0) next.smallCues = cues;
  else delete next.smallCues;
  if (smallWhen) next.smallWhen = smallWhen;
  else delete next.smallWhen;
  return JSON.stringify(next, null, 2) + (original.endsWith("\n") ? "\n" : "");
}

export class ConsiderYesForm {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private facts: FactOption[] | null = null;

  constructor(private readonly options: ConsiderYesFormOptions) {
    this.body = el("div", { className: "consider-yes-body" });
    this.root = el(
      "section",
      { className: "consider-yes-rules", testid: "consider-yes-rules", "aria-labelledby": "consider-yes-rules-title" },
      el("h3", { id: "consider-yes-rules-title" }, "Consider a yes"),
      el(
        "p",
        { className: "muted" },
        "When an ask of this kind matches one of these, the pane suggests considering a yes and drafts no refusal until the account manager asks for one. " +
          "A customer who reports our failure or imposes terms is answered as such first.",
      ),
      this.body,
    );
  }

  /** Rebuilds the form from the editor's text (and loads the facts the first time). */
  async refresh(): Promise<void> {
    if (this.facts === null) {
      try {
        this.facts = await this.options.loadFacts();
      } catch {
        this.facts = [];
      }
    }
    let kind: Record<string, unknown> | null = null;
    try {
      kind = record(JSON.parse(this.options.read()));
    } catch {
      kind = null;
    }
    if (!kind) {
      replace(this.body, el("p", { className: "muted" }, "Fix kind.json in the editor first."));
      return;
    }
    this.render(kind);
  }

  private render(kind: Record<string, unknown>): void {
    const points = dataPointOptions(kind);
    const rule = record(kind.smallWhen);
    const chosenPoint = typeof rule?.dataPoint === "string" ? rule.dataPoint : "";
    const chosenFact = typeof rule?.atMostFact === "string" ? rule.atMostFact : "";
    const pointSelect = el(
      "select",
      { id: "small-when-point", testid: "small-when-point" },
      el("option", { value: "" }, "Never (no limit)"),
      ...points.map((p) => el("option", { value: p.name, selected: p.name === chosenPoint }, p.label)),
    );
    pointSelect.value = chosenPoint;
    const factSelect = el("select", { id: "small-when-fact", testid: "small-when-fact" });
    const fillFacts = () => {
      const unit = points.find((p) => p.name === pointSelect.value)?.unit;
      const facts = (this.facts ?? []).filter((f) => f.unit === unit);
      replace(factSelect, ...facts.map((f) => el("option", { value: f.name, selected: f.name === chosenFact }, f.label)));
      if (facts.some((f) => f.name === chosenFact)) factSelect.value = chosenFact;
      factSelect.disabled = pointSelect.value === "" || facts.length === 0;
    };
    fillFacts();
    const phrases = el("textarea", {
      id: "small-cues",
      testid: "small-cues",
      rows: 4,
      className: "mono",
      value: cuesOf(kind).map((c) => c.pattern).join("\n"),
    });
    const commit = () => {
      const smallWhen = pointSelect.value && factSelect.value ? { dataPoint: pointSelect.value, atMostFact: factSelect.value } : null;
      // The text as it is now (the alternatives form beside this one may have changed it), with only these two parts replaced.
      const text = this.options.read();
      let current: Record<string, unknown> | null = null;
      try {
        current = record(JSON.parse(text));
      } catch {
        current = null;
      }
      this.options.write(withConsiderYes(text, current ?? kind, smallWhen, phrases.value.split("\n")));
    };
    pointSelect.addEventListener("change", () => {
      fillFacts();
      commit();
    });
    factSelect.addEventListener("change", commit);
    phrases.addEventListener("input", commit);
    replace(
      this.body,
      el(
        "div",
        { className: "field-row" },
        el("div", { className: "field grow" }, el("label", { for: "small-when-point" }, "When what the ask would cost"), pointSelect),
        el("div", { className: "field grow" }, el("label", { for: "small-when-fact" }, "is at most"), factSelect),
      ),
      el(
        "div",
        { className: "field" },
        el("label", { for: "small-cues" }, "Asks an account manager usually grants (one phrase per line, written like the kind's cues)"),
        phrases,
      ),
    );
  }
}
