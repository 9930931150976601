// Line diffs: the API's (history) and one computed here (your unsaved text against theirs).
// Rendered with textContent, so template text such as <script> shows as text.
import { el } from "./dom";
import type { DiffLine } from "./types";
import { align } from "./sequence-diff";

/** A line diff by longest common subsequence, in the API's shape. Falls back to "all removed,
 * all added" when the texts are too large for the table (over 4 million cells). */
export function lineDiff(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const out: DiffLine[] = align(a, b, 4_000_000, true)!.map((s): DiffLine =>
    s.op === "same"
      ? { op: "same", text: a[s.i]!, oldLine: s.i + 1, newLine: s.j + 1 }
      : s.op === "add"
        ? { op: "add", text: b[s.j]!, oldLine: null, newLine: s.j + 1 }
        : { op: "remove", text: a[s.i]!, oldLine: s.i + 1, newLine: null });
  // Within a changed block, show removals before additions.
  return reorderBlocks(out);
}

function reorderBlocks(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.op === "remove") removed.push(line);
    else if (line.op === "add") added.push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  return text.replace(/\r\n?/g, "\n").split("\n");
}

export interface DiffCounts {
  added: number;
  removed: number;
}

export function countChanges(lines: DiffLine[]): DiffCounts {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.op === "add") added++;
    else if (line.op === "remove") removed++;
  }
  return { added, removed };
}

const MARKS: Record<DiffLine["op"], string> = { same: " ", add: "+", remove: "−" };

/** A table of the diff: old line number, new line number, mark, text. Unchanged runs longer than
 * `context * 2 + 1` lines are folded to their edges. */
export function renderDiff(input: DiffLine[], options: { caption?: string; context?: number; testid?: string } = {}): HTMLElement {
  // Removed lines before added ones within a changed block, whichever order the diff came in.
  const lines = reorderBlocks(input);
  const counts = countChanges(lines);
  const context = options.context ?? 3;
  const body = el("tbody");
  const visible = visibleLines(lines, context);
  let skipped = 0;
  const flushSkipped = () => {
    if (skipped === 0) return;
    body.appendChild(el("tr", { className: "diff-skip" }, el("td", { colspan: 4 }, `… ${skipped} unchanged line${skipped === 1 ? "" : "s"} …`)));
    skipped = 0;
  };
  lines.forEach((line, index) => {
    if (!visible[index]) {
      skipped++;
      return;
    }
    flushSkipped();
    body.appendChild(
      el(
        "tr",
        { className: `diff-line diff-${line.op}`, "data-op": line.op },
        el("td", { className: "diff-num", "aria-label": line.oldLine ? `old line ${line.oldLine}` : undefined }, line.oldLine ?? ""),
        el("td", { className: "diff-num", "aria-label": line.newLine ? `new line ${line.newLine}` : undefined }, line.newLine ?? ""),
        el("td", { className: "diff-mark", "aria-hidden": "true" }, MARKS[line.op]),
        el("td", { className: "diff-text" }, line.text),
      ),
    );
  });
  flushSkipped();
  const summary =
    counts.added === 0 && counts.removed === 0 ? "No differences." : `${counts.added} line${counts.added === 1 ? "" : "s"} added, ${counts.removed} removed.`;
  return el(
    "div",
    { className: "diff", testid: options.testid ?? "diff" },
    options.caption ? el("p", { className: "diff-caption" }, options.caption) : null,
    el("p", { className: "diff-summary", testid: "diff-summary" }, summary),
    el("table", { className: "diff-table" }, body),
  );
}

function visibleLines(lines: DiffLine[], context: number): boolean[] {
  const visible = lines.map((l) => l.op !== "same");
  if (!visible.some(Boolean)) return lines.map(() => true);
  const out = [...visible];
  lines.forEach((_, i) => {
    if (!visible[i]) return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) out[k] = true;
  });
  return out;
}
