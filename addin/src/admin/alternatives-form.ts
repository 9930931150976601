// A form over kind.json's `alternatives`. It edits the editor's text (parse, change the list,
// re-serialise with 2-space indentation), so saving goes through the normal document save.
import { el, replace } from "./dom";

export interface Alternative {
  id: string;
  title: string;
  text: string;
  default: boolean;
  [key: string]: unknown;
}

export type ParsedKind = { ok: true; kind: Record<string, unknown>; alternatives: Alternative[] } | { ok: false; message: string };

/** Reads kind.json text; alternatives that are not objects are dropped from the form's view. */
export function parseKind(text: string): ParsedKind {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `kind.json is not valid JSON (${e instanceof Error ? e.message : String(e)}). Fix it in the editor first.` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, message: "kind.json must be a JSON object." };
  const kind = value as Record<string, unknown>;
  const raw = Array.isArray(kind.alternatives) ? kind.alternatives : [];
  const alternatives = raw
    .filter((a): a is Record<string, unknown> => typeof a === "object" && a !== null && !Array.isArray(a))
    .map((a) => ({
      ...a,
      id: typeof a.id === "string" ? a.id : "",
      title: typeof a.title === "string" ? a.title : "",
      text: typeof a.text === "string" ? a.text : "",
      default: a.default === true,
    }));
  return { ok: true, kind, alternatives };
}

/** The stances an alternative is written for (kind.json's `stances`), ignoring anything that is not a list of strings. */
export function stancesOf(alt: Alternative): string[] {
  return Array.isArray(alt.stances) ? alt.stances.filter((s): s is string => typeof s === "string") : [];
}

/** The phrases an alternative is written for (kind.json's `when`), ignoring anything that is not a list of strings. */
export function whenOf(alt: Alternative): string[] {
  return Array.isArray(alt.when) ? alt.when.filter((s): s is string => typeof s === "string") : [];
}

/** kind.json with the alternatives replaced; 2-space indentation, the original's final newline kept. */
export function withAlternatives(original: string, kind: Record<string, unknown>, alternatives: Alternative[]): string {
  const next = { ...kind, alternatives: alternatives.map((a) => ({ ...a })) };
  return JSON.stringify(next, null, 2) + (original.endsWith("\n") ? "\n" : "");
}

export interface AlternativesFormOptions {
  /** The editor's current text. */
  read: () => string;
  /** Writes new kind.json text into the editor (an undoable edit). */
  write: (text: string) => void;
}

export class AlternativesForm {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private alternatives: Alternative[] = [];
  private kind: Record<string, unknown> = {};

  constructor(private readonly options: AlternativesFormOptions) {
    this.body = el("div", { className: "alternatives-body" });
    this.root = el(
      "section",
      { className: "alternatives", testid: "alternatives", "aria-label": "Alternatives" },
      el(
        "p",
        { className: "muted" },
        "The alternatives this kind offers. The text is a small Scriban template that may use facts and guarded data. Changes go into kind.json in the editor; save it as usual.",
      ),
      this.body,
    );
  }

  /** Rebuilds the form from the editor's text. */
  refresh(): void {
    const parsed = parseKind(this.options.read());
    if (!parsed.ok) {
      replace(this.body, el("p", { className: "error", role: "alert", testid: "alternatives-error" }, parsed.message));
      return;
    }
    this.kind = parsed.kind;
    this.alternatives = parsed.alternatives;
    this.render();
  }

  private commit(): void {
    const original = this.options.read();
    // The text as it is now (the "consider a yes" form beside this one may have changed it): only the alternatives change.
    const current = parseKind(original);
    this.options.write(withAlternatives(original, current.ok ? current.kind : this.kind, this.alternatives));
  }

  private render(): void {
    const items = this.alternatives.map((alt, index) => {
      const n = index + 1;
      const idInput = el("input", {
        type: "text",
        id: `alt-id-${n}`,
        testid: `alt-id-${n}`,
        value: alt.id,
        pattern: "[a-z0-9-]+",
        oninput: () => {
          alt.id = idInput.value.trim();
          this.commit();
        },
      });
      const titleInput = el("input", {
        type: "text",
        id: `alt-title-${n}`,
        testid: `alt-title-${n}`,
        value: alt.title,
        oninput: () => {
          alt.title = titleInput.value;
          this.commit();
        },
      });
      const textArea = el("textarea", {
        id: `alt-text-${n}`,
        testid: `alt-text-${n}`,
        rows: 3,
        className: "mono",
        value: alt.text,
        oninput: () => {
          alt.text = textArea.value;
          this.commit();
        },
      });
      const defaultBox = el("input", {
        type: "checkbox",
        id: `alt-default-${n}`,
        testid: `alt-default-${n}`,
        checked: alt.default,
        onchange: () => {
          alt.default = defaultBox.checked;
          this.commit();
        },
      });
      // Written for a stance (a counter-proposal to imposed terms; a remedy when the failure is ours): offered by
      // default in that stance instead of the usual defaults.
      const stanceBox = (stance: string, name: string) => {
        const box = el("input", {
          type: "checkbox",
          id: `alt-${name}-${n}`,
          testid: `alt-${name}-${n}`,
          checked: stancesOf(alt).includes(stance),
          onchange: () => {
            const others = stancesOf(alt).filter((s) => s !== stance);
            const next = box.checked ? [...others, stance] : others;
            if (next.length > 0) alt.stances = next;
            else delete alt.stances;
            this.commit();
          },
        });
        return box;
      };
      // Written for a situation: an email that uses one of these phrases is offered this alternative first.
      const whenArea = el("textarea", {
        id: `alt-when-${n}`,
        testid: `alt-when-${n}`,
        rows: 2,
        className: "mono",
        value: whenOf(alt).join("\n"),
        oninput: () => {
          const phrases = whenArea.value.split("\n").map((p) => p.trim()).filter((p) => p.length > 0);
          if (phrases.length > 0) alt.when = phrases;
          else delete alt.when;
          this.commit();
        },
      });
      // An early-payment discount to someone who just lost their job reads as a taunt: not offered in hardship.
      const hardshipBox = el("input", {
        type: "checkbox",
        id: `alt-hardship-${n}`,
        testid: `alt-hardship-${n}`,
        checked: alt.notInHardship === true,
        onchange: () => {
          if (hardshipBox.checked) alt.notInHardship = true;
          else delete alt.notInHardship;
          this.commit();
        },
      });
      // A repair at cost answers a breakage and nothing else: offered by default only when the email says so.
      const onlyWhenBox = el("input", {
        type: "checkbox",
        id: `alt-only-when-${n}`,
        testid: `alt-only-when-${n}`,
        checked: alt.onlyWhen === true,
        onchange: () => {
          if (onlyWhenBox.checked) alt.onlyWhen = true;
          else delete alt.onlyWhen;
          this.commit();
        },
      });
      const imposedBox = stanceBox("imposed", "imposed");
      const ownPartBox = stanceBox("own_part", "own-part");
      const move = (delta: number) => {
        const target = index + delta;
        if (target < 0 || target >= this.alternatives.length) return;
        const list = this.alternatives;
        [list[index], list[target]] = [list[target]!, list[index]!];
        this.commit();
        this.render();
      };
      return el(
        "fieldset",
        { className: "alternative", testid: `alternative-${n}` },
        el("legend", {}, alt.title || alt.id || `Alternative ${n}`),
        el(
          "div",
          { className: "field-row" },
          el("div", { className: "field" }, el("label", { for: `alt-id-${n}` }, "Id"), idInput),
          el("div", { className: "field grow" }, el("label", { for: `alt-title-${n}` }, "Title"), titleInput),
        ),
        el("div", { className: "field" }, el("label", { for: `alt-text-${n}` }, "Text (Scriban)"), textArea),
        el(
          "div",
          { className: "field" },
          el("label", { for: `alt-when-${n}` }, "Offered first when the email says (one phrase per line, written like the kind's cues)"),
          whenArea,
        ),
        el(
          "div",
          { className: "toolbar" },
          el("label", { className: "check", for: `alt-default-${n}` }, defaultBox, " Offered by default"),
          el("label", { className: "check", for: `alt-imposed-${n}` }, imposedBox, " Offered when they impose new terms"),
          el("label", { className: "check", for: `alt-own-part-${n}` }, ownPartBox, " Offered when we own our part"),
          el("label", { className: "check", for: `alt-hardship-${n}` }, hardshipBox, " Not offered when they tell of hardship"),
          el("label", { className: "check", for: `alt-only-when-${n}` }, onlyWhenBox, " Only when the email says so"),
          el("span", { className: "spacer" }),
          el("button", { type: "button", className: "secondary small", disabled: index === 0, onclick: () => move(-1), "aria-label": `Move ${alt.id} up` }, "↑"),
          el(
            "button",
            { type: "button", className: "secondary small", disabled: index === this.alternatives.length - 1, onclick: () => move(1), "aria-label": `Move ${alt.id} down` },
            "↓",
          ),
          el(
            "button",
            {
              type: "button",
              className: "secondary small",
              testid: `alt-remove-${n}`,
              onclick: () => {
                this.alternatives.splice(index, 1);
                this.commit();
                this.render();
              },
            },
            "Remove",
          ),
        ),
      );
    });
    replace(
      this.body,
      ...items,
      el(
        "button",
        {
          type: "button",
          className: "secondary",
          testid: "alt-add",
          onclick: () => {
            this.alternatives.push({ id: "new-alternative", title: "New alternative", text: "", default: false });
            this.commit();
            this.render();
            (this.body.querySelector(`#alt-id-${this.alternatives.length}`) as HTMLInputElement | null)?.focus();
          },
        },
        "Add an alternative",
      ),
    );
  }
}
