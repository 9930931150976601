// Problems (validation, save, preview): where they point in the editor, as lint diagnostics, and
// as a list whose entries move the cursor to their line.
import type { Text } from "@codemirror/state";
import type { Diagnostic } from "@codemirror/lint";
import { el } from "./dom";
import type { Problem } from "./types";

export interface ProblemPosition {
  /** Offset in the document. */
  from: number;
  /** End of the marked range (the end of the word, or of the line when no column is known). */
  to: number;
  line: number;
  column: number;
}

/** Where a problem points in a document: 1-based line and column, clamped to the text. Null when
 * the problem has no line. */
export function problemPosition(doc: Text, problem: Pick<Problem, "line" | "column">): ProblemPosition | null {
  if (typeof problem.line !== "number" || !Number.isFinite(problem.line)) return null;
  const lineNo = Math.min(Math.max(1, Math.trunc(problem.line)), doc.lines);
  const line = doc.line(lineNo);
  const hasColumn = typeof problem.column === "number" && Number.isFinite(problem.column) && problem.column >= 1;
  const column = hasColumn ? Math.min(Math.trunc(problem.column!), line.length + 1) : 1;
  const from = line.from + column - 1;
  let to = line.to;
  if (hasColumn) {
    const rest = line.text.slice(column - 1);
    const word = rest.match(/^[\w$.]+|^\S/);
    to = from + (word ? word[0].length : 0);
  }
  return { from, to, line: lineNo, column };
}

/** True when a problem belongs to the open document (a problem without a path does too). */
export function isFor(problem: Problem, path: string): boolean {
  return !problem.path || problem.path === path;
}

/** The problems of the open document as CodeMirror lint diagnostics. */
export function toDiagnostics(doc: Text, problems: readonly Problem[], path: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const problem of problems) {
    if (!isFor(problem, path)) continue;
    const pos = problemPosition(doc, problem);
    if (!pos) continue;
    out.push({ from: pos.from, to: pos.to, severity: problem.check ? "warning" : "error", message: describe(problem), source: problem.path ?? undefined });
  }
  return out;
}

/** One line of text for a problem: place, message, and what it was rendering. */
export function describe(problem: Problem): string {
  const context: string[] = [];
  if (problem.kind) context.push(problem.kind);
  if (problem.audience) context.push(problem.audience);
  let text = problem.message;
  if (problem.check) text = `${text} (check: ${problem.check})`;
  if (context.length > 0) text = `${text} [${context.join(", ")}]`;
  return text;
}

export function placeOf(problem: Problem): string {
  const parts: string[] = [];
  if (problem.path) parts.push(problem.path);
  if (typeof problem.line === "number") {
    parts.push(typeof problem.column === "number" ? `line ${problem.line}, column ${problem.column}` : `line ${problem.line}`);
  }
  return parts.join(", ");
}

export interface ProblemListOptions {
  /** The open document; problems for it with a line become links. */
  path: string | null;
  /** Moves the cursor to the problem (the open document's problems only). */
  onGoTo?: (problem: Problem) => void;
  /** Opens another document at the problem. */
  onOpen?: (problem: Problem) => void;
  title?: string;
  testid?: string;
}

/** The list of problems; each one with a line in the open document is a button that moves there. */
export function renderProblems(problems: readonly Problem[], options: ProblemListOptions): HTMLElement {
  const list = el("ul", { className: "problem-list" });
  for (const problem of problems) {
    const place = placeOf(problem);
    const here = options.path !== null && isFor(problem, options.path);
    const navigable = typeof problem.line === "number" && ((here && options.onGoTo) || (!here && problem.path && options.onOpen));
    const text = describe(problem);
    const item = navigable
      ? el(
          "button",
          {
            type: "button",
            className: "link problem-link",
            testid: "problem",
            "data-line": problem.line ?? undefined,
            "data-column": problem.column ?? undefined,
            "data-path": problem.path ?? undefined,
            onclick: () => (here ? options.onGoTo!(problem) : options.onOpen!(problem)),
          },
          el("span", { className: "problem-place" }, place),
          " ",
          el("span", { className: "problem-message" }, text),
        )
      : el(
          "span",
          { testid: "problem", "data-line": problem.line ?? undefined, "data-path": problem.path ?? undefined },
          place ? el("span", { className: "problem-place" }, place) : null,
          place ? " " : null,
          el("span", { className: "problem-message" }, text),
        );
    const example = problem.example ? el("div", { className: "problem-example muted" }, `Example: “${problem.example}”`) : null;
    list.appendChild(el("li", { className: problem.check ? "problem warn" : "problem" }, item, example));
  }
  return el(
    "section",
    { className: "problems", testid: options.testid ?? "problems", role: "alert" },
    el("h3", {}, options.title ?? `${problems.length} problem${problems.length === 1 ? "" : "s"}`),
    list,
  );
}
