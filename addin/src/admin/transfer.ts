// Export of the whole catalog as a zip, and import of one: every document that differs becomes a new version.
import type { AdminApi } from "./api";
import { el } from "./dom";
import { renderProblems } from "./problems";
import type { ImportResult } from "./types";

export interface TransferOptions {
  api: AdminApi;
  confirm: (message: string) => boolean;
  download: (blob: Blob, name: string) => void;
  banner: (content: string | Node, tone: "error" | "info") => void;
  fail: (e: unknown, what: string) => void;
  /** After an import: the catalog is reloaded and the open document too when it changed. */
  onImported: (imported: ImportResult["imported"]) => Promise<void>;
}

export async function exportZip(options: TransferOptions): Promise<void> {
  try {
    const blob = await options.api.exportZip();
    const stamp = new Date().toISOString().slice(0, 10);
    options.download(blob, `outlooksayno-templates-${stamp}.zip`);
  } catch (e) {
    options.fail(e, "The export failed");
  }
}

export async function importZip(options: TransferOptions, file: File): Promise<void> {
  if (!options.confirm(`Import ${file.name}? Every document that differs becomes a new version.`)) return;
  try {
    const result = await options.api.importZip(file);
    if (result.ok) {
      const imported = result.value?.imported ?? [];
      const unchanged = result.value?.unchanged;
      const unchangedCount = Array.isArray(unchanged) ? unchanged.length : (unchanged ?? 0);
      options.banner(`Imported ${imported.length} document${imported.length === 1 ? "" : "s"}; ${unchangedCount} unchanged.`, "info");
      await options.onImported(imported);
    } else if (result.reason === "invalid") {
      options.banner(renderProblems(result.problems, { path: null, title: `${file.name} was not imported` }), "error");
    } else {
      options.banner("The import conflicts with a newer change. Reload and try again.", "error");
    }
  } catch (e) {
    options.fail(e, "The import failed");
  }
}

/** Saves a blob as a file through a temporary link. */
export function defaultDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
