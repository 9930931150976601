// The word diff between the generated and the sent text: one span per run, classed by operation,
// its text set as text nodes (so markup in a sent reply shows as the characters it is, and a
// bidirectional control as a visible mark).
import { bidiNodes } from "./bidi-marks";
import { el } from "./format";
import type { DiffSpan } from "./types";

export interface DiffStats {
  added: number;
  removed: number;
}

/** Words added and removed (whitespace runs are not counted). */
export function diffStats(spans: readonly DiffSpan[]): DiffStats {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  let added = 0;
  let removed = 0;
  for (const span of spans) {
    if (span.op === "add") added += words(span.text);
    else if (span.op === "remove") removed += words(span.text);
  }
  return { added, removed };
}

/** The diff as a block of spans: .diff-same, .diff-add (role insertion), .diff-remove (role deletion). */
export function renderWordDiff(spans: readonly DiffSpan[]): HTMLElement {
  const block = el("div", { className: "word-diff", testid: "diff" });
  for (const span of spans) {
    const op = span.op === "add" || span.op === "remove" ? span.op : "same";
    const node = el("span", {
      className: `diff-${op}`,
      "data-op": op,
      role: op === "add" ? "insertion" : op === "remove" ? "deletion" : undefined,
      title: op === "add" ? "Added by the sender" : op === "remove" ? "Removed by the sender" : undefined,
    });
    node.append(...bidiNodes(span.text));
    block.appendChild(node);
  }
  return block;
}

/** The diff with its caption and counts; a note when the text was sent unchanged, and one when the
 * API compared whole lines because the texts were too large to compare word by word. */
export function diffSection(spans: readonly DiffSpan[] | null, byLine = false): HTMLElement {
  if (!spans) return el("p", { className: "muted", testid: "diff-none" }, "Not sent: there is nothing to compare.");
  const stats = diffStats(spans);
  const unchanged = stats.added === 0 && stats.removed === 0 && spans.every((s) => s.op === "same");
  return el(
    "div",
    { className: "diff-section" },
    el(
      "p",
      { className: "diff-summary", testid: "diff-summary" },
      unchanged ? "Sent unchanged." : `${stats.removed} word${stats.removed === 1 ? "" : "s"} removed, ${stats.added} added.`,
      " ",
      el("span", { className: "legend legend-remove" }, "removed"),
      " ",
      el("span", { className: "legend legend-add" }, "added"),
    ),
    byLine
      ? el("p", { className: "diff-note", testid: "diff-by-line", role: "note" }, "These texts are too large to compare word by word, so whole lines are compared: a changed line shows as removed and added.")
      : null,
    renderWordDiff(spans),
  );
}
