// The open document in the centre of the admin page: its path and version, the Edit / History /
// Alternatives tabs, the editor with its toolbar, the save status and the problem list. What saving
// does is in document-saving.ts; this file shows the document and its state.
import { etagFor, type AdminApi } from "./api";
import { AlternativesForm } from "./alternatives-form";
import { ConsiderYesForm } from "./consider-yes-form";
import { clear, el, replace } from "./dom";
import { DocumentEditor } from "./editor";
import { HistoryView } from "./history-view";
import { renderProblems } from "./problems";
import type { HistoryEntry, Problem, TemplateDocument } from "./types";

export type Tab = "edit" | "history" | "alternatives";

/** The document as loaded or last saved: the version and ETag a save is based on. */
export interface OpenDocument {
  path: string;
  id: number;
  version: number;
  etag: string;
}

export interface DocumentPanelOptions {
  api: AdminApi;
  onSave: () => void;
  onValidate: () => void;
  onRestore: (entry: HistoryEntry) => void;
  /** The text changed (or was saved): dirty says whether it differs from the saved version. */
  onEdited: (dirty: boolean) => void;
  onOpenProblem: (problem: Problem) => void;
  onError: (e: unknown) => boolean;
}

export class DocumentPanel {
  readonly root: HTMLElement;
  readonly editor: DocumentEditor;
  readonly history: HistoryView;
  readonly alternatives: AlternativesForm;
  readonly considerYes: ConsiderYesForm;
  doc: OpenDocument | null = null;
  saving = false;
  tab: Tab = "edit";

  readonly comment = el("input", { type: "text", id: "save-comment", testid: "comment", placeholder: "What changed, and why (optional)" });
  readonly messages = el("div", { className: "messages" });
  readonly docVersion = el("span", { className: "muted", testid: "doc-version" });
  private readonly docPath = el("h2", { className: "doc-path", testid: "doc-path", id: "doc-path" });
  private readonly dirtyMark = el("span", { className: "dirty", testid: "dirty", hidden: true }, "● Unsaved changes");
  private readonly cursorLabel = el("span", { className: "muted cursor", testid: "cursor", "aria-live": "off" });
  private readonly saveStatus = el("span", { className: "save-status", testid: "save-status", role: "status", "aria-live": "polite", "data-state": "idle" });
  private readonly saveButton: HTMLButtonElement;
  private readonly tabButtons: Record<Tab, HTMLButtonElement>;
  private readonly tabPanels: Record<Tab, HTMLElement>;

  constructor(private readonly options: DocumentPanelOptions) {
    this.saveButton = el("button", { type: "button", className: "primary", testid: "save", disabled: true, onclick: () => options.onSave() }, "Save");
    const host = el("div", { className: "editor-host", testid: "editor" });
    this.editor = new DocumentEditor(host, {
      onChange: (_text, dirty) => this.onEdited(dirty),
      onCursor: (line, column) => (this.cursorLabel.textContent = `Ln ${line}, Col ${column}`),
      onSave: () => options.onSave(),
    });

    const tab = (name: Tab, label: string) =>
      el(
        "button",
        { type: "button", role: "tab", id: `tab-${name}`, testid: `tab-${name}`, "aria-controls": `panel-${name}`, onclick: () => this.selectTab(name) },
        label,
      );
    this.tabButtons = { edit: tab("edit", "Edit"), history: tab("history", "History"), alternatives: tab("alternatives", "Alternatives") };
    const editPanel = el(
      "div",
      { role: "tabpanel", id: "panel-edit", "aria-labelledby": "tab-edit", className: "tabpanel edit-panel" },
      el(
        "div",
        { className: "toolbar" },
        el("button", { type: "button", className: "secondary small", testid: "undo", title: "Undo (Ctrl+Z)", onclick: () => this.editor.undo() }, "Undo"),
        el("button", { type: "button", className: "secondary small", testid: "redo", title: "Redo (Ctrl+Y)", onclick: () => this.editor.redo() }, "Redo"),
        el("button", { type: "button", className: "secondary small", testid: "validate", onclick: () => options.onValidate() }, "Validate"),
        el("span", { className: "spacer" }),
        el("label", { for: "save-comment", className: "visually-hidden" }, "Comment"),
        this.comment,
        this.saveButton,
      ),
      el("div", { className: "status-row" }, this.saveStatus, el("span", { className: "spacer" }), this.cursorLabel),
      this.messages,
      host,
    );
    this.tabPanels = {
      edit: editPanel,
      history: el("div", { role: "tabpanel", id: "panel-history", "aria-labelledby": "tab-history", className: "tabpanel", hidden: true }),
      alternatives: el("div", { role: "tabpanel", id: "panel-alternatives", "aria-labelledby": "tab-alternatives", className: "tabpanel", hidden: true }),
    };
    this.history = new HistoryView({ api: options.api, onRestore: (entry) => options.onRestore(entry), onError: options.onError });
    this.tabPanels.history.appendChild(this.history.root);
    this.alternatives = new AlternativesForm({ read: () => this.editor.text, write: (text) => this.editor.replaceAll(text) });
    this.tabPanels.alternatives.appendChild(this.alternatives.root);
    this.considerYes = new ConsiderYesForm({
      read: () => this.editor.text,
      write: (text) => this.editor.replaceAll(text),
      loadFacts: async () => (await options.api.facts()).value.facts.map((f) => ({ name: f.name, label: f.label, unit: f.unit })),
    });
    this.tabPanels.alternatives.appendChild(this.considerYes.root);
    this.root = el(
      "section",
      { className: "doc-view", "aria-labelledby": "doc-path" },
      el("div", { className: "doc-head" }, this.docPath, this.docVersion, this.dirtyMark),
      el("div", { className: "tabs", role: "tablist", "aria-label": "Document" }, this.tabButtons.edit, this.tabButtons.history, this.tabButtons.alternatives),
      this.tabPanels.edit,
      this.tabPanels.history,
      this.tabPanels.alternatives,
    );
  }

  /** While a document loads: its path, and "loading…" for the version. */
  showLoading(path: string): void {
    this.docPath.textContent = path;
    this.docVersion.textContent = "loading…";
  }

  load(doc: TemplateDocument, etag: string | null): void {
    this.doc = { path: doc.path, id: doc.id, version: doc.version, etag: etag ?? etagFor(doc.version) };
    this.editor.load(doc.path, doc.content);
    this.docPath.textContent = doc.path;
    this.docVersion.textContent = `version ${doc.version}`;
    this.comment.value = "";
    clear(this.messages);
    this.setSaveStatus("", "idle");
    this.onEdited(false);
    this.history.reset();
    const isKind = doc.path.endsWith("/kind.json");
    this.tabButtons.alternatives.hidden = !isKind;
    this.selectTab(this.tab === "alternatives" && !isKind ? "edit" : this.tab);
  }

  /** No document open (its kind was retired). */
  close(): void {
    this.doc = null;
    this.editor.load("", "");
  }

  selectTab(tab: Tab): void {
    this.tab = tab;
    for (const name of Object.keys(this.tabButtons) as Tab[]) {
      const selected = name === tab;
      this.tabButtons[name].setAttribute("aria-selected", String(selected));
      this.tabButtons[name].tabIndex = selected ? 0 : -1;
      this.tabPanels[name].hidden = !selected;
    }
    if (tab === "history" && this.doc && this.history.currentPath !== this.doc.path) void this.history.load(this.doc.path);
    if (tab === "alternatives") {
      this.alternatives.refresh();
      void this.considerYes.refresh();
    }
    if (tab === "edit") this.editor.view.requestMeasure();
  }

  onEdited(dirty: boolean): void {
    this.dirtyMark.hidden = !dirty;
    this.saveButton.disabled = !dirty || this.saving;
    if (dirty && (this.saveStatus.dataset.state === "saved" || this.saveStatus.dataset.state === "idle")) this.setSaveStatus("", "idle");
    this.options.onEdited(dirty);
  }

  /** The Save button after a save ends: enabled while the text differs from the saved version. */
  settleSaveButton(): void {
    this.saveButton.disabled = !this.editor.dirty;
  }

  disableSave(): void {
    this.saveButton.disabled = true;
  }

  setSaveStatus(text: string, state: string): void {
    this.saveStatus.textContent = text;
    this.saveStatus.dataset.state = state;
  }

  goTo(problem: Problem): void {
    this.selectTab("edit");
    this.editor.goTo(problem);
  }

  showProblems(problems: Problem[], title: string): void {
    this.editor.setProblems(problems);
    replace(
      this.messages,
      renderProblems(problems, { path: this.doc?.path ?? null, onGoTo: (p) => this.goTo(p), onOpen: (p) => this.options.onOpenProblem(p), title }),
    );
  }
}
