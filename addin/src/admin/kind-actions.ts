// Creating a kind from the catalog's form and retiring one (it is no longer classified or drafted;
// its history is kept).
import { etagFor, type AdminApi } from "./api";
import { renderProblems } from "./problems";
import type { KindSummary, NewKindRequest, Problem } from "./types";

export interface KindActionsOptions {
  api: AdminApi;
  confirm: (message: string) => boolean;
  banner: (content: string | Node, tone: "error" | "info") => void;
  fail: (e: unknown, what: string) => void;
  /** 401 or 403: the page shows its sign-in state. True when handled. */
  handleAuthError: (e: unknown) => boolean;
  reloadCatalog: () => Promise<void>;
  openDocument: (path: string) => Promise<boolean>;
  /** The retired kind's document was open: close it. */
  onRetired: (kind: string) => void;
}

/** Creates the kind and opens its definition; the problems to show in the form, or null when created. */
export async function createKind(options: KindActionsOptions, request: NewKindRequest): Promise<Problem[] | null> {
  try {
    const result = await options.api.createKind(request);
    if (!result.ok) return result.reason === "invalid" ? result.problems : [{ message: "The kind changed meanwhile; try again." }];
    await options.reloadCatalog();
    await options.openDocument(`${request.id}/kind.json`);
    options.banner(`Created the kind ${request.id}.`, "info");
    return null;
  } catch (e) {
    if (options.handleAuthError(e)) return null;
    return [{ message: e instanceof Error ? e.message : String(e) }];
  }
}

export async function retireKind(options: KindActionsOptions, kind: KindSummary): Promise<void> {
  if (!options.confirm(`Retire the kind “${kind.title}” (${kind.id})? It will no longer be classified or drafted. Its history is kept.`)) return;
  try {
    const result = await options.api.retireKind(kind.id, etagFor(kind.definition.version));
    if (result.ok) {
      options.banner(`Retired the kind ${kind.id}.`, "info");
      options.onRetired(kind.id);
    } else if (result.reason === "conflict") {
      options.banner(`${kind.definition.path} changed since the catalog was loaded. The catalog is reloaded; try again.`, "error");
    } else {
      options.banner(renderProblems(result.problems, { path: null, title: `The kind ${kind.id} was not retired` }), "error");
    }
  } catch (e) {
    options.fail(e, "The kind was not retired");
  }
  await options.reloadCatalog();
}
