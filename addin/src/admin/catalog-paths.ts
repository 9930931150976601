// What a catalog path says about its document.

/** The kind a document belongs to (`discount/commercial.scriban` → `discount`); null for partials and settings. */
export function kindOfPath(path: string): string | null {
  const slash = path.indexOf("/");
  if (slash < 0 || path.startsWith("_partials/")) return null;
  return path.slice(0, slash);
}
