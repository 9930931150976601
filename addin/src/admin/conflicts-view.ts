// Conflicts: documents an admin edited that also changed in the folder. Database and folder side by
// side; keep one.
import type { AdminApi } from "./api";
import { lineDiff, renderDiff } from "./diff";
import { el, formatTime, replace } from "./dom";
import { renderProblems } from "./problems";
import type { TemplateConflict } from "./types";

export interface ConflictsViewOptions {
  api: AdminApi;
  onResolved: (path: string) => void;
  onError: (error: unknown) => boolean;
}

export class ConflictsView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;

  constructor(private readonly options: ConflictsViewOptions) {
    this.status = el("p", { className: "muted", role: "status", testid: "conflicts-status" });
    this.body = el("div", { className: "conflict-list" });
    this.root = el(
      "section",
      { className: "conflicts-view", testid: "conflicts", "aria-labelledby": "conflicts-title" },
      el("h2", { id: "conflicts-title" }, "Conflicts between the database and the templates folder"),
      el(
        "p",
        { className: "muted" },
        "These documents were edited here and also changed in the templates/ folder since the last import. Keep the database version, or take the folder's.",
      ),
      this.status,
      this.body,
    );
  }

  async load(): Promise<void> {
    this.status.textContent = "Loading the conflicts…";
    try {
      const conflicts = await this.options.api.conflicts();
      this.status.textContent = conflicts.length === 0 ? "No conflicts." : `${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"}.`;
      replace(this.body, ...conflicts.map((c) => this.renderConflict(c)));
    } catch (e) {
      if (!this.options.onError(e)) this.status.textContent = `The conflicts could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private renderConflict(conflict: TemplateConflict): HTMLElement {
    const messages = el("div", { className: "messages" });
    const diffArea = el("div");
    const resolve = async (keep: "folder" | "database", button: HTMLButtonElement) => {
      button.disabled = true;
      try {
        const result = await this.options.api.resolveConflict(conflict.path, keep);
        if (result.ok) {
          this.options.onResolved(conflict.path);
          await this.load();
        } else if (result.reason === "invalid") {
          replace(messages, renderProblems(result.problems, { path: null, title: "Not resolved" }));
        } else {
          replace(messages, el("p", { className: "error", role: "alert" }, "The document changed meanwhile. Reload the conflicts and try again."));
        }
      } catch (e) {
        if (!this.options.onError(e)) replace(messages, el("p", { className: "error", role: "alert" }, e instanceof Error ? e.message : String(e)));
      } finally {
        button.disabled = false;
      }
    };
    const keepDb: HTMLButtonElement = el(
      "button",
      { type: "button", className: "secondary", testid: "keep-database", onclick: () => void resolve("database", keepDb) },
      "Keep database",
    );
    const takeFolder: HTMLButtonElement = el(
      "button",
      { type: "button", className: "secondary", testid: "take-folder", onclick: () => void resolve("folder", takeFolder) },
      "Take folder",
    );
    let diffShown = false;
    const diffButton: HTMLButtonElement = el(
      "button",
      {
        type: "button",
        className: "link",
        onclick: () => {
          diffShown = !diffShown;
          replace(diffArea, diffShown ? renderDiff(lineDiff(conflict.databaseContent ?? "", conflict.folderContent), { caption: "Database (removed lines) → folder (added lines)", testid: "conflict-diff" }) : null);
          diffButton.textContent = diffShown ? "Hide the differences" : "Show the differences";
        },
      },
      "Show the differences",
    );
    return el(
      "article",
      { className: "conflict card", testid: `conflict-${conflict.path}` },
      el(
        "header",
        { className: "card-head" },
        el("h3", {}, el("code", {}, conflict.path)),
        el(
          "span",
          { className: "muted" },
          conflict.databaseVersion !== null ? `database version ${conflict.databaseVersion}` : "not in the database",
          conflict.detectedAtUtc ? ` · found ${formatTime(conflict.detectedAtUtc)}` : "",
        ),
      ),
      el(
        "div",
        { className: "side-by-side" },
        el(
          "figure",
          {},
          el("figcaption", {}, conflict.databaseVersion !== null ? `Database (version ${conflict.databaseVersion})` : "Database"),
          el("pre", { className: "source", testid: "database-content" }, conflict.databaseContent ?? "(retired: no content)"),
        ),
        el("figure", {}, el("figcaption", {}, "Folder"), el("pre", { className: "source", testid: "folder-content" }, conflict.folderContent)),
      ),
      conflict.reason ? el("p", { className: "muted" }, conflict.reason) : null,
      el("div", { className: "toolbar" }, diffButton, el("span", { className: "spacer" }), keepDb, takeFolder),
      diffArea,
      messages,
    );
  }
}
