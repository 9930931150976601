// The live preview: the three audiences rendered from the editor's unsaved text against an
// example of the kind or a pasted email; debounced, newest request wins.
import { AUDIENCE_LABELS, CHECK_LABELS as SHARED_CHECK_LABELS, checkLabelFor } from "../shared/labels";
import { AdminApiError, type AdminApi } from "./api";
import { clear, el, firstWords, replace } from "./dom";
import { LatestRunner } from "./latest";
import { renderProblems } from "./problems";
import { addedWords, renderMarked } from "./word-diff";
import {
  AUDIENCES,
  CHECKS,
  type AudiencePreview,
  type Change,
  type CheckName,
  type KindSummary,
  type PackSummary,
  type PreviewEmail,
  type PreviewRequest,
  type PreviewResponse,
  type Problem,
} from "./types";

export const PREVIEW_DELAY_MS = 300;

// The words are the shared ones (shared/labels.ts); typed here by the admin page's check names.
export const CHECK_LABELS = SHARED_CHECK_LABELS as Readonly<Record<CheckName, string>>;

export { AUDIENCE_LABELS };

export type Sample = { type: "example"; index: number } | { type: "email"; email: PreviewEmail };

/** What the page currently shows, as the preview needs it. */
export interface PreviewSource {
  /** The kind the open document belongs to; null when the preview kind is chosen in the select. */
  fixedKind: string | null;
  /** The unsaved changes to render with. */
  changes: Change[];
  /** The open document's path (its problems become links). */
  path: string | null;
  /** Example sentences when the open document is that kind's (unsaved) kind.json. */
  examples?: string[] | null;
}

export interface PreviewPanelOptions {
  api: AdminApi;
  source: () => PreviewSource | null;
  onGoTo: (problem: Problem) => void;
  onOpen: (problem: Problem) => void;
  onError: (error: unknown) => boolean;
  delayMs?: number;
}

export function buildPreviewRequest(kind: string, changes: Change[], sample: Sample): PreviewRequest {
  const request: PreviewRequest = { kind, audiences: [...AUDIENCES] };
  if (changes.length > 0) request.changes = changes;
  if (sample.type === "example") request.example = sample.index;
  else request.email = sample.email;
  return request;
}

/** What a preview was rendered for apart from the unsaved changes: two previews with the same key
 * differ only by the edit. */
export function sameSampleKey(request: PreviewRequest): string {
  return JSON.stringify([request.kind, request.example ?? null, request.email ?? null, request.pack ?? null]);
}

/** checkNotes may be a list of sentences or an object per check; either way, a list of lines. */
export function noteLines(notes: AudiencePreview["checkNotes"]): string[] {
  if (!notes) return [];
  if (Array.isArray(notes)) return notes.filter((n): n is string => typeof n === "string" && n.length > 0);
  return Object.entries(notes)
    .filter(([, v]) => typeof v === "string" && v.length > 0)
    .map(([k, v]) => `${CHECK_LABELS[k as CheckName] ?? k}: ${v}`);
}

interface Card {
  root: HTMLElement;
  status: HTMLElement;
  chips: HTMLElement;
  notes: HTMLElement;
  problems: HTMLElement;
  text: HTMLElement;
}

export class PreviewPanel {
  readonly root: HTMLElement;
  private readonly kindSelect: HTMLSelectElement;
  private readonly kindRow: HTMLElement;
  private readonly sampleSelect: HTMLSelectElement;
  private readonly packSelect: HTMLSelectElement;
  private readonly packRow: HTMLElement;
  private readonly emailForm: HTMLElement;
  private readonly subject: HTMLInputElement;
  private readonly fromName: HTMLInputElement;
  private readonly fromEmail: HTMLInputElement;
  private readonly body: HTMLTextAreaElement;
  private readonly status: HTMLElement;
  private readonly requestProblems: HTMLElement;
  private readonly cards = new Map<string, Card>();
  private readonly runner: LatestRunner<PreviewRequest & { path: string | null }, PreviewResponse>;
  private readonly examples = new Map<string, string[]>();
  private kinds: KindSummary[] = [];
  private optionsFor: string | null = null;
  private disabledReason: string | null = null;
  /** Per audience, the text last shown and the text of the saved catalog, each with its sample. */
  private readonly shown = new Map<string, { key: string; text: string }>();
  private readonly saved = new Map<string, { key: string; text: string }>();

  constructor(private readonly options: PreviewPanelOptions) {
    this.kindSelect = el("select", { id: "preview-kind", testid: "preview-kind", onchange: () => this.onKindChanged() });
    this.kindRow = el("div", { className: "field" }, el("label", { for: "preview-kind" }, "Preview with the kind"), this.kindSelect);
    this.sampleSelect = el("select", { id: "preview-sample", testid: "sample-select", onchange: () => this.onSampleChanged() });
    this.packSelect = el("select", { id: "preview-pack", testid: "preview-pack", onchange: () => this.schedule() });
    this.packRow = el("div", { className: "field", hidden: true }, el("label", { for: "preview-pack" }, "As a customer of"), this.packSelect);
    this.subject = el("input", { id: "email-subject", testid: "email-subject", type: "text", value: "Renewal", oninput: () => this.schedule() });
    this.fromName = el("input", { id: "email-from-name", type: "text", value: "Priya Nair", oninput: () => this.schedule() });
    this.fromEmail = el("input", { id: "email-from-email", type: "email", value: "priya@northwind-foods.com", oninput: () => this.schedule() });
    this.body = el("textarea", { id: "email-body", testid: "email-body", rows: 6, oninput: () => this.schedule() });
    this.emailForm = el(
      "div",
      { className: "email-form", hidden: true },
      el("div", { className: "field" }, el("label", { for: "email-subject" }, "Subject"), this.subject),
      el(
        "div",
        { className: "field-row" },
        el("div", { className: "field" }, el("label", { for: "email-from-name" }, "From (name)"), this.fromName),
        el("div", { className: "field" }, el("label", { for: "email-from-email" }, "From (email)"), this.fromEmail),
      ),
      el("div", { className: "field" }, el("label", { for: "email-body" }, "Body"), this.body),
    );
    this.status = el("p", { className: "preview-status muted", testid: "preview-status", role: "status", "aria-live": "polite" });
    this.requestProblems = el("div", { className: "preview-request-problems" });

    const cardsRoot = el("div", { className: "preview-cards" });
    for (const audience of AUDIENCES) {
      const card = this.createCard(audience);
      this.cards.set(audience, card);
      cardsRoot.appendChild(card.root);
    }

    this.root = el(
      "aside",
      { className: "panel preview-panel", testid: "preview", "aria-labelledby": "preview-title" },
      el(
        "div",
        { className: "panel-head" },
        el("h2", { id: "preview-title" }, "Live preview"),
        el("button", { type: "button", className: "secondary small", testid: "preview-refresh", onclick: () => this.refreshNow() }, "Refresh"),
      ),
      el(
        "div",
        { className: "preview-controls" },
        this.kindRow,
        this.packRow,
        el("div", { className: "field" }, el("label", { for: "preview-sample" }, "Sample"), this.sampleSelect),
        this.emailForm,
      ),
      this.status,
      this.requestProblems,
      cardsRoot,
    );

    this.runner = new LatestRunner({
      delayMs: options.delayMs ?? PREVIEW_DELAY_MS,
      task: ({ path: _path, ...request }, signal) => this.options.api.preview(request, signal),
      onStart: () => {
        this.root.setAttribute("aria-busy", "true");
        this.status.textContent = "Updating the preview…";
        this.status.dataset.state = "loading";
      },
      onResult: (response, request) => this.show(response, request),
      onError: (error) => this.showError(error),
    });
  }

  setKinds(kinds: KindSummary[]): void {
    this.kinds = kinds;
    const previous = this.kindSelect.value;
    const refusable = kinds.filter((k) => k.refusable);
    replace(this.kindSelect, ...refusable.map((k) => el("option", { value: k.id }, `${k.title} (${k.id})`)));
    const keep = refusable.find((k) => k.id === previous) ?? refusable.find((k) => k.id === "discount") ?? refusable[0];
    if (keep) this.kindSelect.value = keep.id;
  }

  /** The business packs to preview as: the customer's own (by their domain) or one chosen here. */
  setPacks(packs: PackSummary[], business: string | null): void {
    const previous = this.packSelect.value;
    this.packRow.hidden = packs.length === 0;
    const own = packs.find((p) => p.id === business);
    replace(
      this.packSelect,
      el("option", { value: "" }, own ? `Their domain's pack (usually ${own.title})` : "Their domain's pack"),
      ...packs.map((p) => el("option", { value: p.id }, p.title)),
    );
    this.packSelect.value = packs.some((p) => p.id === previous) ? previous : "";
  }

  /** Forgets the example sentences of a kind (its kind.json was saved). */
  forgetExamples(kind: string): void {
    this.examples.delete(kind);
    if (this.optionsFor === kind) this.optionsFor = null;
  }

  /** The open document changed: show or hide the kind select, refresh the samples, preview now. */
  async update(): Promise<void> {
    const source = this.options.source();
    this.kindRow.hidden = !source || source.fixedKind !== null;
    const kind = this.kindFor(source);
    await this.fillSamples(kind, source?.examples ?? null);
    this.refreshNow();
  }

  /** Debounced preview after an edit. */
  schedule(): void {
    const request = this.request();
    if (request) this.runner.trigger(request);
  }

  refreshNow(): void {
    const request = this.request();
    if (request) void this.runner.run(request);
  }

  cancel(): void {
    this.runner.cancel();
  }

  get kind(): string | null {
    return this.kindFor(this.options.source());
  }

  private kindFor(source: PreviewSource | null): string | null {
    if (!source) return null;
    return source.fixedKind ?? (this.kindSelect.value || null);
  }

  private sample(): Sample {
    if (this.sampleSelect.value === "email") {
      return {
        type: "email",
        email: {
          subject: this.subject.value,
          body: this.body.value,
          from: { name: this.fromName.value || "Customer", email: this.fromEmail.value || "customer@example.com" },
        },
      };
    }
    return { type: "example", index: Math.max(0, Number(this.sampleSelect.value) || 0) };
  }

  private request(): (PreviewRequest & { path: string | null }) | null {
    const source = this.options.source();
    const kind = this.kindFor(source);
    this.disabledReason = null;
    if (!source || !kind) {
      this.disabledReason = "Open a template, a partial or a setting to see the preview.";
    } else {
      const summary = this.kinds.find((k) => k.id === kind);
      if (summary && !summary.refusable) this.disabledReason = `The kind “${kind}” is not refusable and has no templates to preview.`;
    }
    if (this.disabledReason || !source || !kind) {
      this.runner.cancel();
      this.status.textContent = this.disabledReason;
      this.status.dataset.state = "off";
      return null;
    }
    const sample = this.sample();
    if (sample.type === "email" && sample.email.body.trim() === "") {
      this.runner.cancel();
      this.status.textContent = "Paste the customer's email to preview against it.";
      this.status.dataset.state = "off";
      return null;
    }
    const request = buildPreviewRequest(kind, source.changes, sample);
    if (this.packSelect.value) request.pack = this.packSelect.value;
    return { ...request, path: source.path };
  }

  private async fillSamples(kind: string | null, override: string[] | null): Promise<void> {
    if (!kind) {
      replace(this.sampleSelect, el("option", { value: "email" }, "Paste an email"));
      return;
    }
    let examples = override;
    if (!examples) examples = this.examples.get(kind) ?? null;
    if (!examples) {
      const count = this.kinds.find((k) => k.id === kind)?.examples ?? 0;
      this.setSampleOptions(kind, Array.from({ length: count }, () => ""));
      try {
        const doc = await this.options.api.document(`${kind}/kind.json`);
        const parsed = JSON.parse(doc.value.content) as { examples?: unknown };
        examples = Array.isArray(parsed.examples) ? parsed.examples.map((e) => (typeof e === "string" ? e : "")) : [];
        this.examples.set(kind, examples);
      } catch (e) {
        if (e instanceof AdminApiError && (e.kind === "signedOut" || e.kind === "notAllowed")) {
          this.options.onError(e);
          return;
        }
        return; // Keep "Example N" without words.
      }
      if (this.kindFor(this.options.source()) !== kind) return;
    }
    this.setSampleOptions(kind, examples);
  }

  private setSampleOptions(kind: string, examples: string[]): void {
    const previous = this.sampleSelect.value;
    const keepIndex = this.optionsFor === kind ? previous : "0";
    const options = examples.map((text, i) => el("option", { value: String(i) }, text ? `Example ${i + 1}: ${firstWords(text)}` : `Example ${i + 1}`));
    replace(this.sampleSelect, ...options, el("option", { value: "email" }, "Paste an email"));
    const wanted = keepIndex === "email" || Number(keepIndex) < examples.length ? keepIndex : examples.length > 0 ? "0" : "email";
    this.sampleSelect.value = wanted;
    this.optionsFor = kind;
    this.emailForm.hidden = this.sampleSelect.value !== "email";
  }

  private onKindChanged(): void {
    void this.update();
  }

  private onSampleChanged(): void {
    this.emailForm.hidden = this.sampleSelect.value !== "email";
    this.refreshNow();
  }

  private createCard(audience: string): Card {
    const status = el("span", { className: "card-status muted" });
    const chips = el("div", { className: "chips", role: "list", "aria-label": "Checks" });
    const notes = el("ul", { className: "check-notes" });
    const problems = el("div", { className: "card-problems" });
    const text = el("div", { className: "preview-text", testid: `preview-text-${audience}`, tabindex: 0, "aria-label": `${AUDIENCE_LABELS[audience]} reply` });
    const root = el(
      "section",
      { className: "card preview-card", testid: `preview-${audience}`, "aria-label": `${AUDIENCE_LABELS[audience]} preview` },
      el("header", { className: "card-head" }, el("h3", {}, AUDIENCE_LABELS[audience] ?? audience), status),
      chips,
      notes,
      problems,
      text,
    );
    return { root, status, chips, notes, problems, text };
  }

  private show(response: PreviewResponse, request: PreviewRequest & { path: string | null }): void {
    const path = request.path;
    const sampleKey = sameSampleKey(request);
    this.root.setAttribute("aria-busy", "false");
    const kind = response.kind;
    const email = response.email?.subject ? ` Email: “${response.email.subject}”.` : "";
    this.status.textContent = `Preview of ${kind}.${email}`;
    this.status.dataset.state = "done";

    const top = response.problems ?? [];
    if (top.length > 0) this.status.textContent = `Preview of ${kind}. Your unsaved text has problems, so the cards may show the saved version.`;
    replace(
      this.requestProblems,
      top.length > 0
        ? renderProblems(top, { path, onGoTo: this.options.onGoTo, onOpen: this.options.onOpen, testid: "preview-problems", title: "Problems in this preview" })
        : null,
    );

    for (const [audience, card] of this.cards) {
      const preview = response.previews.find((p) => p.audience === audience);
      card.root.hidden = !preview;
      if (!preview) continue;
      this.showText(card, audience, preview.text ?? "", sampleKey, (request.changes?.length ?? 0) > 0);
      const failed = CHECKS.filter((c) => preview.checks?.[c] === false).length;
      card.status.textContent = failed === 0 ? "All checks pass" : `${failed} check${failed === 1 ? "" : "s"} fail`;
      card.root.dataset.checks = failed === 0 ? "pass" : "fail";
      replace(
        card.chips,
        ...CHECKS.map((check) => {
          const value = preview.checks?.[check];
          const state = value === true ? "pass" : value === false ? "fail" : "unknown";
          const mark = state === "pass" ? "✓" : state === "fail" ? "✗" : "?";
          const label = checkLabelFor(check, preview.checks);
          return el(
            "span",
            {
              className: `chip chip-${state}`,
              role: "listitem",
              testid: `check-${check}`,
              "data-state": state,
              "aria-label": `${label}: ${state === "pass" ? "passes" : state === "fail" ? "fails" : "unknown"}`,
            },
            `${mark} ${label}`,
          );
        }),
      );
      replace(card.notes, ...noteLines(preview.checkNotes).map((n) => el("li", {}, n)));
      const problems = preview.problems ?? [];
      replace(
        card.problems,
        problems.length > 0
          ? renderProblems(problems, {
              path,
              onGoTo: this.options.onGoTo,
              onOpen: this.options.onOpen,
              testid: `preview-problems-${audience}`,
              title: `${problems.length} problem${problems.length === 1 ? "" : "s"}`,
            })
          : null,
      );
    }
  }

  /** The reply text, with the words the unsaved edit added marked. The edit is measured against the
   * saved catalog's text for the same sample (the last preview without changes), not against the
   * previous preview: typing previews midway, and the admin wants the whole edit, not its last keys. */
  private showText(card: Card, audience: string, text: string, sampleKey: string, edited: boolean): void {
    const previous = this.shown.get(audience);
    this.shown.set(audience, { key: sampleKey, text });
    if (!edited) this.saved.set(audience, { key: sampleKey, text });
    const saved = this.saved.get(audience);
    const before = saved?.key === sampleKey ? saved : previous?.key === sampleKey ? previous : null;
    if (!edited || !before || before.text === text) {
      card.text.textContent = text;
      delete card.text.dataset.changed;
      return;
    }
    const parts = addedWords(before.text, text);
    renderMarked(card.text, parts);
    card.text.dataset.changed = parts.some((p) => p.added) ? "true" : "removed";
  }

  private showError(error: unknown): void {
    this.root.setAttribute("aria-busy", "false");
    if (this.options.onError(error)) return;
    this.status.dataset.state = "error";
    this.status.textContent = `The preview failed: ${error instanceof Error ? error.message : String(error)}`;
    clear(this.requestProblems);
  }
}
