// Saving, validating and restoring the open document, and the conflict banner when someone else saved
// first (load theirs, see the diff, or overwrite). Each answer is shown in the document panel.
import { etagFor, versionFromEtag, type AdminApi } from "./api";
import { kindOfPath } from "./catalog-paths";
import { lineDiff, renderDiff } from "./diff";
import type { DocumentPanel } from "./document-panel";
import { clear, el, replace } from "./dom";
import type { HistoryEntry, TemplateDocument } from "./types";

export interface DocumentSavingOptions {
  api: AdminApi;
  panel: DocumentPanel;
  confirm: (message: string) => boolean;
  /** An error the page shows (or a sign-in state, for 401 and 403). */
  fail: (e: unknown, what: string) => void;
  /** After a new version: the preview renders again and the catalog shows the new version. */
  onSaved: (kindDefinitionOf: string | null) => void;
  /** Their version was loaded over the user's text: the preview renders again. */
  onReloaded: () => void;
}

export class DocumentSaving {
  constructor(private readonly options: DocumentSavingOptions) {}

  private get panel(): DocumentPanel {
    return this.options.panel;
  }

  async save(): Promise<void> {
    const panel = this.panel;
    const doc = panel.doc;
    if (!doc || panel.saving || !panel.editor.dirty) return;
    panel.saving = true;
    panel.disableSave();
    const snapshot = panel.editor.view.state.doc;
    const content = snapshot.toString();
    panel.setSaveStatus("Saving…", "saving");
    try {
      const result = await this.options.api.saveDocument(doc.path, content, doc.etag, panel.comment.value.trim() || undefined);
      if (panel.doc !== doc) return;
      if (result.ok) {
        const saved = result.value;
        const version = saved?.version ?? versionFromEtag(result.etag) ?? doc.version + 1;
        panel.doc = { path: doc.path, id: saved?.id ?? doc.id, version, etag: result.etag ?? etagFor(version) };
        panel.editor.setBaseline(snapshot);
        panel.editor.setProblems([]);
        clear(panel.messages);
        panel.comment.value = "";
        panel.docVersion.textContent = `version ${version}`;
        panel.setSaveStatus(`Saved version ${version}.`, "saved");
        const kind = kindOfPath(doc.path);
        panel.history.reset();
        if (panel.tab === "history") void panel.history.load(doc.path);
        this.options.onSaved(kind && doc.path === `${kind}/kind.json` ? kind : null);
      } else if (result.reason === "conflict") {
        panel.setSaveStatus("Not saved: someone else saved a newer version.", "conflict");
        await this.showConflict(result.currentVersion);
      } else {
        panel.setSaveStatus(`Not saved: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}.`, "invalid");
        panel.showProblems(result.problems, "The document was not saved");
      }
    } catch (e) {
      panel.setSaveStatus("Not saved.", "error");
      this.options.fail(e, "The document was not saved");
    } finally {
      panel.saving = false;
      panel.settleSaveButton();
    }
  }

  async validate(): Promise<void> {
    const panel = this.panel;
    const doc = panel.doc;
    if (!doc) return;
    panel.setSaveStatus("Validating…", "validating");
    try {
      const result = await this.options.api.validate([{ path: doc.path, content: panel.editor.text }]);
      if (panel.doc !== doc) return;
      const problems = result.problems ?? [];
      if (result.valid && problems.length === 0) {
        panel.editor.setProblems([]);
        replace(panel.messages, el("p", { className: "ok", testid: "valid", role: "status" }, "No problems found."));
        panel.setSaveStatus(panel.editor.dirty ? "Valid; not saved yet." : "Valid.", "valid");
      } else {
        panel.showProblems(problems, result.valid ? "Warnings" : `${problems.length} problem${problems.length === 1 ? "" : "s"}`);
        panel.setSaveStatus(result.valid ? "Valid, with warnings." : "Not valid.", "invalid");
      }
    } catch (e) {
      panel.setSaveStatus("", "idle");
      this.options.fail(e, "Validation failed");
    }
  }

  async restore(entry: HistoryEntry): Promise<void> {
    const panel = this.panel;
    const doc = panel.doc;
    if (!doc) return;
    if (panel.editor.dirty && !this.options.confirm("Restoring replaces your unsaved changes. Continue?")) return;
    try {
      const result = await this.options.api.restore(entry.id, doc.etag, `Restored version ${entry.version}`);
      if (panel.doc !== doc) return;
      if (result.ok) {
        const loaded = await this.options.api.document(doc.path);
        panel.load(loaded.value, loaded.etag);
        panel.setSaveStatus(`Restored version ${entry.version} as version ${loaded.value.version}.`, "saved");
        await panel.history.load(doc.path);
        this.options.onSaved(null);
      } else if (result.reason === "conflict") {
        panel.selectTab("edit");
        panel.setSaveStatus("Not restored: someone else saved a newer version.", "conflict");
        await this.showConflict(result.currentVersion);
      } else {
        panel.selectTab("edit");
        panel.setSaveStatus(`Not restored: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}.`, "invalid");
        panel.showProblems(result.problems, `Version ${entry.version} cannot be restored`);
      }
    } catch (e) {
      this.options.fail(e, "The version was not restored");
    }
  }

  private async showConflict(currentVersion: number | null): Promise<void> {
    const panel = this.panel;
    const doc = panel.doc;
    if (!doc) return;
    const diffArea = el("div");
    const theirs = async (): Promise<{ value: TemplateDocument; etag: string | null } | null> => {
      try {
        return await this.options.api.document(doc.path);
      } catch (e) {
        this.options.fail(e, "The current version could not be loaded");
        return null;
      }
    };
    const loadTheirs = async () => {
      const current = await theirs();
      if (current && panel.doc === doc) {
        panel.load(current.value, current.etag);
        panel.setSaveStatus(`Loaded version ${current.value.version}; your changes were discarded.`, "idle");
        this.options.onReloaded();
      }
    };
    const showDiff = async () => {
      const current = await theirs();
      if (!current) return;
      replace(
        diffArea,
        renderDiff(lineDiff(current.value.content, panel.editor.text), {
          caption: `Their version ${current.value.version} (removed lines) against your text (added lines)`,
          testid: "conflict-diff",
        }),
      );
    };
    const overwrite = async () => {
      const current = await theirs();
      if (!current || panel.doc !== doc) return;
      if (!this.options.confirm(`Replace version ${current.value.version} with your text?`)) return;
      panel.doc = { ...doc, id: current.value.id, version: current.value.version, etag: current.etag ?? etagFor(current.value.version) };
      panel.docVersion.textContent = `version ${current.value.version} (yours is based on ${doc.version})`;
      await this.save();
    };
    const versionText = currentVersion !== null ? `version ${currentVersion}` : "a newer version";
    replace(
      panel.messages,
      el(
        "div",
        { className: "conflict-banner", testid: "conflict-banner", role: "alert" },
        el("p", {}, `Someone saved ${versionText} while you were editing. Your changes are not saved.`),
        el(
          "div",
          { className: "toolbar" },
          el("button", { type: "button", className: "primary small", testid: "load-theirs", onclick: () => void loadTheirs() }, "Load theirs"),
          el("button", { type: "button", className: "secondary small", testid: "show-conflict-diff", onclick: () => void showDiff() }, "Show diff"),
          el("button", { type: "button", className: "secondary small danger", testid: "overwrite", onclick: () => void overwrite() }, "Overwrite with mine"),
        ),
        diffArea,
      ),
    );
  }
}
