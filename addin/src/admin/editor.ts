// The CodeMirror 6 editor: line numbers, undo/redo, Scriban or JSON highlighting, lint
// diagnostics from the API's problems, and a dirty flag against the loaded text.
import { Compartment, EditorSelection, EditorState, type Extension, Text } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { history, historyKeymap, indentWithTab, redo, standardKeymap, undo } from "@codemirror/commands";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { tags as t } from "@lezer/highlight";
import { jsonLanguage, scribanLanguage } from "./scriban-mode";
import { problemPosition, toDiagnostics } from "./problems";
import type { Problem } from "./types";

const highlight = HighlightStyle.define([
  { tag: t.brace, color: "#8250df", fontWeight: "600" },
  { tag: t.modifier, color: "#8250df" },
  { tag: t.keyword, color: "#0550ae", fontWeight: "600" },
  { tag: [t.string], color: "#0a3069" },
  { tag: t.number, color: "#953800" },
  { tag: t.bool, color: "#953800" },
  { tag: t.operator, color: "#cf222e" },
  { tag: t.controlOperator, color: "#cf222e", fontWeight: "700" },
  { tag: t.local(t.variableName), color: "#116329", fontStyle: "italic" },
  { tag: t.variableName, color: "#24292f" },
  { tag: t.propertyName, color: "#0969da" },
  { tag: t.comment, color: "#6e7781", fontStyle: "italic" },
  { tag: t.invalid, color: "#cf222e", textDecoration: "underline wavy" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px", backgroundColor: "#fff" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Consolas, 'Liberation Mono', monospace", lineHeight: "1.5" },
  ".cm-content": { padding: "6px 0" },
  ".cm-gutters": { backgroundColor: "#f6f8fa", borderRight: "1px solid #d0d7de", color: "#6e7781" },
  "&.cm-focused": { outline: "2px solid #0f6cbd", outlineOffset: "-2px" },
});

export function languageFor(path: string): Extension {
  if (path.endsWith(".scriban")) return scribanLanguage;
  if (path.endsWith(".json")) return jsonLanguage;
  return [];
}

export interface EditorEvents {
  /** The text changed (typing, undo, a form edit). */
  onChange?: (text: string, dirty: boolean) => void;
  /** The cursor moved (1-based line and column). */
  onCursor?: (line: number, column: number) => void;
  /** Ctrl/Cmd+S. */
  onSave?: () => void;
}

export class DocumentEditor {
  readonly view: EditorView;
  private readonly language = new Compartment();
  private baseline: Text = Text.empty;
  private path = "";
  private problems: readonly Problem[] = [];

  constructor(parent: HTMLElement, private readonly events: EditorEvents = {}) {
    this.view = new EditorView({ parent, state: this.createState("", "") });
  }

  private createState(doc: string, path: string): EditorState {
    return EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        EditorState.tabSize.of(2),
        keymap.of([
          { key: "Mod-s", preventDefault: true, run: () => (this.events.onSave?.(), true) },
          ...standardKeymap,
          ...historyKeymap,
          indentWithTab,
        ]),
        this.language.of(languageFor(path)),
        syntaxHighlighting(highlight),
        lintGutter(),
        theme,
        EditorView.contentAttributes.of({ "aria-label": path ? `Content of ${path}` : "Document content" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) this.events.onChange?.(update.state.doc.toString(), this.dirty);
          if (update.selectionSet || update.docChanged) {
            const { line, column } = this.cursor();
            this.events.onCursor?.(line, column);
          }
        }),
      ],
    });
  }

  /** Loads a document: new undo history, the text becomes the clean baseline. */
  load(path: string, content: string): void {
    this.path = path;
    this.problems = [];
    this.view.setState(this.createState(content, path));
    this.baseline = this.view.state.doc;
    this.events.onCursor?.(1, 1);
  }

  /** After a save: the saved text (taken when the save started) becomes the clean baseline;
   * edits typed while saving stay dirty. History is kept. */
  setBaseline(doc: Text): void {
    this.baseline = doc;
    this.events.onChange?.(this.text, this.dirty);
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  get currentPath(): string {
    return this.path;
  }

  get dirty(): boolean {
    return !this.view.state.doc.eq(this.baseline);
  }

  /** Replaces the whole text as one undoable edit (used by the alternatives form). */
  replaceAll(content: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: content }, userEvent: "input.replace" });
  }

  cursor(): { line: number; column: number } {
    const head = this.view.state.selection.main.head;
    const line = this.view.state.doc.lineAt(head);
    return { line: line.number, column: head - line.from + 1 };
  }

  /** Moves the cursor to a problem's line and column, scrolls it into view and focuses the editor. */
  goTo(problem: Pick<Problem, "line" | "column">): boolean {
    const pos = problemPosition(this.view.state.doc, problem);
    if (!pos) return false;
    this.view.dispatch({ selection: EditorSelection.cursor(pos.from), scrollIntoView: true, effects: EditorView.scrollIntoView(pos.from, { y: "center" }) });
    this.view.focus();
    return true;
  }

  /** Shows the open document's problems as lint diagnostics (others are ignored here). */
  setProblems(problems: readonly Problem[]): void {
    this.problems = problems;
    this.view.dispatch(setDiagnostics(this.view.state, toDiagnostics(this.view.state.doc, problems, this.path)));
  }

  get shownProblems(): readonly Problem[] {
    return this.problems;
  }

  undo(): boolean {
    return undo(this.view);
  }

  redo(): boolean {
    return redo(this.view);
  }

  focus(): void {
    this.view.focus();
  }
}
