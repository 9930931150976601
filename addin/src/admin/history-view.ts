// The History tab of a document: its versions (newest first), a diff between any two, and
// "Restore this version".
import type { AdminApi } from "./api";
import { renderDiff } from "./diff";
import { clear, el, formatTime, replace } from "./dom";
import type { HistoryEntry } from "./types";

export interface HistoryViewOptions {
  api: AdminApi;
  onRestore: (entry: HistoryEntry) => void;
  onError: (error: unknown) => boolean;
}

export class HistoryView {
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private readonly diffArea: HTMLElement;
  private readonly status: HTMLElement;
  private entries: HistoryEntry[] = [];
  private from: number | null = null;
  private to: number | null = null;
  private path: string | null = null;
  private loadSeq = 0;
  private diffSeq = 0;

  constructor(private readonly options: HistoryViewOptions) {
    this.status = el("p", { className: "muted", role: "status", testid: "history-status" });
    this.list = el("div", { className: "history-list" });
    this.diffArea = el("div", { className: "history-diff", "aria-live": "polite" });
    this.root = el(
      "section",
      { className: "history", testid: "history", "aria-label": "Version history" },
      el("p", { className: "muted" }, "Choose two versions to compare. Restoring makes a new version with the old content."),
      this.status,
      this.list,
      el("div", { className: "toolbar" }, el("button", { type: "button", className: "secondary", testid: "show-diff", onclick: () => void this.showDiff() }, "Compare")),
      this.diffArea,
    );
  }

  async load(path: string): Promise<void> {
    this.path = path;
    const mine = ++this.loadSeq;
    this.status.textContent = "Loading the history…";
    clear(this.diffArea);
    try {
      const entries = await this.options.api.history(path);
      if (mine !== this.loadSeq) return;
      this.entries = [...entries].sort((a, b) => b.version - a.version);
      this.to = this.entries[0]?.id ?? null;
      this.from = this.entries[1]?.id ?? null;
      this.status.textContent = `${this.entries.length} version${this.entries.length === 1 ? "" : "s"} of ${path}.`;
      this.renderList();
      if (this.from !== null && this.to !== null) await this.showDiff();
    } catch (e) {
      if (mine !== this.loadSeq) return;
      if (!this.options.onError(e)) this.status.textContent = `The history could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  reset(): void {
    this.loadSeq++;
    this.path = null;
    this.entries = [];
    clear(this.list);
    clear(this.diffArea);
    this.status.textContent = "";
  }

  get currentPath(): string | null {
    return this.path;
  }

  private renderList(): void {
    const newest = this.entries[0]?.version;
    const rows = this.entries.map((entry) => {
      const fromRadio = el("input", {
        type: "radio",
        name: "history-from",
        value: String(entry.id),
        checked: entry.id === this.from,
        "aria-label": `Compare from version ${entry.version}`,
        testid: `from-${entry.version}`,
        onchange: () => {
          this.from = entry.id;
          void this.showDiff();
        },
      });
      const toRadio = el("input", {
        type: "radio",
        name: "history-to",
        value: String(entry.id),
        checked: entry.id === this.to,
        "aria-label": `Compare to version ${entry.version}`,
        testid: `to-${entry.version}`,
        onchange: () => {
          this.to = entry.id;
          void this.showDiff();
        },
      });
      const current = entry.version === newest;
      return el(
        "tr",
        { testid: `version-${entry.version}`, className: current ? "current" : undefined },
        el("td", {}, fromRadio),
        el("td", {}, toRadio),
        el("td", { className: "nowrap" }, `v${entry.version}`, current ? el("span", { className: "tag" }, "current") : null),
        el("td", {}, entry.origin ?? ""),
        el("td", {}, entry.user?.name ?? entry.user?.id ?? ""),
        el("td", { className: "nowrap" }, formatTime(entry.atUtc)),
        el("td", { className: "comment" }, entry.comment ?? ""),
        el(
          "td",
          {},
          current
            ? null
            : el(
                "button",
                { type: "button", className: "secondary small", testid: "restore", onclick: () => this.options.onRestore(entry) },
                "Restore this version",
              ),
        ),
      );
    });
    replace(
      this.list,
      el(
        "table",
        { className: "history-table" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { scope: "col" }, "From"),
            el("th", { scope: "col" }, "To"),
            el("th", { scope: "col" }, "Version"),
            el("th", { scope: "col" }, "Origin"),
            el("th", { scope: "col" }, "Who"),
            el("th", { scope: "col" }, "When"),
            el("th", { scope: "col" }, "Comment"),
            el("th", { scope: "col" }, el("span", { className: "visually-hidden" }, "Actions")),
          ),
        ),
        el("tbody", {}, ...rows),
      ),
    );
  }

  private async showDiff(): Promise<void> {
    if (this.from === null || this.to === null) {
      replace(this.diffArea, el("p", { className: "muted" }, "Choose a version to compare from and one to compare to."));
      return;
    }
    const mine = ++this.diffSeq;
    const fromEntry = this.entries.find((e) => e.id === this.from);
    const toEntry = this.entries.find((e) => e.id === this.to);
    try {
      const diff = await this.options.api.diff(this.from, this.to);
      if (mine !== this.diffSeq) return;
      replace(
        this.diffArea,
        renderDiff(diff.lines, { caption: `From version ${diff.from?.version ?? fromEntry?.version} to version ${diff.to?.version ?? toEntry?.version}` }),
      );
    } catch (e) {
      if (mine !== this.diffSeq) return;
      if (!this.options.onError(e)) replace(this.diffArea, el("p", { className: "error" }, `The diff could not be loaded: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
}
