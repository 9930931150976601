// The facts table: GET /api/facts as editable rows, saved with PUT /api/facts and If-Match.
import { etagFor, versionFromEtag, type AdminApi } from "./api";
import { lineDiff, renderDiff } from "./diff";
import { clear, el, replace } from "./dom";
import { factIdElement } from "./fact-name";
import { renderProblems } from "./problems";
import { FACT_UNITS, type Change, type Fact, type FactsDocument } from "./types";

/** facts.json as the API lays it out (one fact per line, so a diff shows one line per fact); the
 * preview renders with it before the table is saved. */
export function factsJson(doc: Pick<FactsDocument, "currency" | "facts">): string {
  const lines = doc.facts.map(
    (f, i) =>
      `    { "name": ${JSON.stringify(f.name.trim())}, "value": ${f.value === null || !Number.isFinite(f.value) ? "null" : String(f.value)}, ` +
      `"unit": ${JSON.stringify(f.unit.trim())}, "label": ${JSON.stringify((f.label ?? "").trim())}` +
      `${f.currency ? `, "currency": ${JSON.stringify(f.currency.trim().toUpperCase())}` : ""} }${i + 1 < doc.facts.length ? "," : ""}`,
  );
  return `{\n  "currency": ${JSON.stringify(doc.currency)},\n  "facts": [\n${lines.map((l) => l + "\n").join("")}  ]\n}\n`;
}

interface Row {
  fact: Fact;
  isNew: boolean;
  element: HTMLTableRowElement;
}

export interface FactsViewOptions {
  api: AdminApi;
  onEdit: () => void;
  onSaved: (facts: FactsDocument) => void;
  onError: (error: unknown) => boolean;
  onEditAsText: () => void;
}

export class FactsView {
  readonly root: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly currency: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly messages: HTMLElement;
  private readonly versionLabel: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly comment: HTMLInputElement;
  private rows: Row[] = [];
  private etag: string | null = null;
  private version: number | null = null;
  private baseline = "";
  private newCount = 0;
  private saving = false;

  constructor(private readonly options: FactsViewOptions) {
    this.currency = el("input", { id: "facts-currency", testid: "facts-currency", type: "text", maxlength: 3, size: 4, oninput: () => this.edited() });
    this.body = el("tbody");
    this.status = el("span", { className: "save-status", testid: "facts-status", role: "status", "aria-live": "polite" });
    this.messages = el("div", { className: "messages" });
    this.versionLabel = el("span", { className: "muted", testid: "facts-version" });
    this.saveButton = el("button", { type: "button", className: "primary", testid: "facts-save", onclick: () => void this.save() }, "Save facts");
    this.comment = el("input", { type: "text", id: "facts-comment", testid: "facts-comment", placeholder: "What changed, and why (optional)" });
    this.root = el(
      "section",
      { className: "facts-view", "aria-labelledby": "facts-title" },
      el(
        "div",
        { className: "doc-head" },
        el("h2", { id: "facts-title" }, "Facts ", this.versionLabel),
        el("button", { type: "button", className: "link", testid: "facts-as-text", onclick: () => this.options.onEditAsText() }, "Edit facts.json as text"),
      ),
      el(
        "p",
        { className: "muted" },
        "The policy figures the replies cite. Names of saved facts cannot change; templates refer to them as facts.<name>. " +
          "Leave a value empty when this business does not have the figure: no reply will cite it.",
      ),
      el("div", { className: "field inline" }, el("label", { for: "facts-currency" }, "Currency"), this.currency),
      this.messages,
      el(
        "div",
        { className: "table-wrap" },
        el(
          "table",
          { className: "facts-table", testid: "facts-table" },
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              el("th", { scope: "col", className: "fact-col" }, "Fact"),
              el("th", { scope: "col" }, "Value"),
              el("th", { scope: "col" }, "Unit"),
              el("th", { scope: "col" }, el("span", { className: "visually-hidden" }, "Remove")),
            ),
          ),
          this.body,
        ),
      ),
      el(
        "div",
        { className: "toolbar" },
        el("button", { type: "button", className: "secondary", testid: "facts-add", onclick: () => this.addRow() }, "Add a fact"),
        el("span", { className: "spacer" }),
        this.status,
        el("label", { for: "facts-comment", className: "visually-hidden" }, "Comment"),
        this.comment,
        this.saveButton,
      ),
    );
  }

  async load(): Promise<void> {
    this.setStatus("Loading the facts…", "loading");
    clear(this.messages);
    try {
      const loaded = await this.options.api.facts();
      this.show(loaded.value, loaded.etag);
      this.setStatus("", "idle");
    } catch (e) {
      if (!this.options.onError(e)) this.setStatus(`The facts could not be loaded: ${e instanceof Error ? e.message : String(e)}`, "error");
    }
  }

  get dirty(): boolean {
    return this.rows.length > 0 && this.json() !== this.baseline;
  }

  /** The unsaved facts as a change to facts.json, for the preview. */
  changes(): Change[] {
    return this.dirty ? [{ path: "facts.json", content: this.json() }] : [];
  }

  current(): FactsDocument {
    return { currency: this.currency.value.trim().toUpperCase(), facts: this.rows.map((r) => ({ ...r.fact })) };
  }

  reset(): void {
    this.rows = [];
    clear(this.body);
    clear(this.messages);
    this.baseline = "";
    this.setStatus("", "idle");
  }

  private json(): string {
    return factsJson(this.current());
  }

  private show(facts: FactsDocument, etag: string | null): void {
    this.version = facts.version ?? versionFromEtag(etag);
    this.etag = etag ?? (this.version !== null ? etagFor(this.version) : null);
    this.versionLabel.textContent = this.version !== null ? `version ${this.version}` : "";
    this.currency.value = facts.currency ?? "";
    this.rows = [];
    clear(this.body);
    for (const fact of facts.facts ?? []) this.appendRow({ ...fact }, false);
    this.baseline = this.json();
  }

  private addRow(): void {
    const row = this.appendRow({ name: "", value: 0, unit: "number", label: "" }, true);
    row.element.querySelector("input")?.focus();
    this.edited();
  }

  private appendRow(fact: Fact, isNew: boolean): Row {
    const key = isNew ? `new-${++this.newCount}` : fact.name;
    const element = el("tr", { testid: `fact-${key}` });
    const row: Row = { fact, isNew, element };
    const nameCell = isNew
      ? el("input", {
          type: "text",
          testid: `fact-name-${key}`,
          className: "fact-id-input",
          "aria-label": "Name of the new fact (an id templates use)",
          placeholder: "camelCaseName",
          pattern: "[A-Za-z][A-Za-z0-9]*",
          oninput: (e: Event) => {
            fact.name = (e.target as HTMLInputElement).value.trim();
            this.edited();
          },
        })
      : factIdElement(fact.name);

    const valueInput = el("input", {
      testid: `fact-value-${key}`,
      "aria-label": `Value of ${fact.name || "the new fact"}`,
      oninput: () => {
        fact.value = readValue(valueInput.value);
        this.edited();
      },
    });
    setValueInput(valueInput, fact.value);

    const unitSelect = el(
      "select",
      {
        testid: `fact-unit-${key}`,
        "aria-label": `Unit of ${fact.name || "the new fact"}`,
        onchange: () => {
          fact.unit = unitSelect.value;
          // Currency belongs to money only; another unit drops it.
          if (fact.unit !== "money") {
            delete fact.currency;
            currencyInput.value = "";
          }
          showCurrency();
          this.edited();
        },
      },
      ...FACT_UNITS.map((u) => el("option", { value: u }, u)),
      ...(FACT_UNITS.includes(fact.unit as (typeof FACT_UNITS)[number]) ? [] : [el("option", { value: fact.unit }, fact.unit)]),
    );
    unitSelect.value = fact.unit;

    // A textarea, so a long label wraps onto a second line instead of being cut.
    const labelInput = el("textarea", {
      testid: `fact-label-${key}`,
      rows: 2,
      placeholder: "What the figure is, in plain words",
      "aria-label": `Label of ${fact.name || "the new fact"}`,
      oninput: () => {
        fact.label = labelInput.value;
        this.edited();
      },
    });
    labelInput.value = fact.label ?? "";

    // Money may be in another currency than the table's; the cell shows only for money.
    const currencyInput = el("input", {
      type: "text",
      testid: `fact-currency-${key}`,
      maxlength: 3,
      size: 4,
      // Empty means the table's currency, which the placeholder shows.
      placeholder: this.currency.value.trim().toUpperCase() || "Currency",
      title: "Currency of this figure (empty: the table's)",
      "aria-label": `Currency of ${fact.name || "the new fact"}`,
      oninput: () => {
        const code = currencyInput.value.trim().toUpperCase();
        if (code) fact.currency = code;
        else delete fact.currency;
        this.edited();
      },
    });
    currencyInput.value = fact.currency ?? "";
    const currencyField = el("label", { className: "fact-currency" }, el("span", { className: "visually-hidden" }, "Currency"), currencyInput);
    const showCurrency = (): void => {
      currencyField.hidden = fact.unit !== "money";
    };
    showCurrency();

    const remove = el(
      "button",
      {
        type: "button",
        className: "secondary small icon",
        testid: `fact-remove-${key}`,
        title: "Remove this fact",
        "aria-label": `Remove ${fact.label || fact.name || "the new fact"}`,
        onclick: () => {
          this.rows = this.rows.filter((r) => r !== row);
          element.remove();
          this.edited();
        },
      },
      // A cross, not the word: the label needs the row's width more than the button does.
      "✕",
    );
    // The plain label first; the internal id under it, small (see fact-name.ts).
    element.append(
      el("td", { className: "fact-col" }, labelInput, nameCell),
      el("td", {}, valueInput),
      el("td", { className: "unit-col" }, unitSelect, currencyField),
      el("td", {}, remove),
    );
    this.rows.push(row);
    this.body.appendChild(element);
    return row;
  }

  private edited(): void {
    if (this.dirty) this.setStatus("Unsaved changes", "dirty");
    else this.setStatus("", "idle");
    this.options.onEdit();
  }

  private async save(): Promise<void> {
    if (this.saving) return;
    clear(this.messages);
    const missing = this.rows.filter((r) => r.isNew && !r.fact.name);
    if (missing.length > 0) {
      this.setStatus("Not saved: give every new fact a name.", "invalid");
      return;
    }
    if (!this.etag) {
      this.setStatus("Not saved: reload the facts first.", "error");
      return;
    }
    const payload = this.current();
    this.saving = true;
    this.saveButton.disabled = true;
    this.setStatus("Saving…", "saving");
    try {
      const result = await this.options.api.saveFacts(payload, this.etag, this.comment.value.trim() || undefined);
      if (result.ok) {
        const saved = result.value && Array.isArray(result.value.facts) ? result.value : { ...payload, version: versionFromEtag(result.etag) ?? undefined };
        this.show(saved, result.etag);
        this.comment.value = "";
        this.setStatus(`Saved version ${this.version ?? "?"}.`, "saved");
        this.options.onSaved(saved);
      } else if (result.reason === "conflict") {
        this.setStatus("Not saved: the facts changed since you loaded them.", "conflict");
        this.showConflict(result.currentVersion, payload);
      } else {
        this.setStatus(`Not saved: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}.`, "invalid");
        replace(this.messages, renderProblems(result.problems, { path: "facts.json", title: "The facts were not saved" }));
      }
    } catch (e) {
      if (!this.options.onError(e)) this.setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`, "error");
    } finally {
      this.saving = false;
      this.saveButton.disabled = false;
    }
  }

  private showConflict(currentVersion: number | null, mine: FactsDocument): void {
    const diffArea = el("div");
    replace(
      this.messages,
      el(
        "div",
        { className: "conflict-banner", testid: "conflict-banner", role: "alert" },
        el("p", {}, currentVersion !== null ? `Someone saved version ${currentVersion} of the facts while you were editing.` : "Someone saved the facts while you were editing."),
        el(
          "div",
          { className: "toolbar" },
          el("button", { type: "button", className: "primary", testid: "load-theirs", onclick: () => void this.load() }, "Load theirs"),
          el(
            "button",
            {
              type: "button",
              className: "secondary",
              testid: "show-conflict-diff",
              onclick: async () => {
                try {
                  const theirs = await this.options.api.facts();
                  replace(
                    diffArea,
                    renderDiff(lineDiff(factsJson(theirs.value), factsJson(mine)), {
                      caption: `Their version ${theirs.value.version ?? ""} (removed lines) against your table (added lines)`,
                    }),
                  );
                } catch (e) {
                  this.options.onError(e);
                }
              },
            },
            "Show diff",
          ),
        ),
        diffArea,
      ),
    );
  }

  private setStatus(text: string, state: string): void {
    this.status.textContent = text;
    this.status.dataset.state = state;
  }
}

/** The value cell is a number input for every unit (a date or text fact still holds a number). */
function setValueInput(input: HTMLInputElement, value: Fact["value"]): void {
  input.type = "number";
  input.step = "any";
  input.inputMode = "decimal";
  input.value = value === null || value === undefined ? "" : String(value);
}

export function readValue(raw: string): Fact["value"] {
  const text = raw.trim();
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

