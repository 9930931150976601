// Small stream modes for CodeMirror 6: Scriban templates and JSON. They highlight; they do not
// validate (the API does that and answers with line and column).
import { StreamLanguage, StringStream, type StreamParser } from "@codemirror/language";
import { tags as t, type Tag } from "@lezer/highlight";

export const SCRIBAN_KEYWORDS = new Set([
  "if", "else", "end", "for", "in", "while", "func", "ret", "include", "capture", "with",
  "case", "when", "break", "continue", "tablerow", "wrap", "import", "readonly", "this",
]);
const ATOMS = new Set(["true", "false", "null", "empty"]);

export interface ScribanState {
  /** Inside {{ }}. */
  code: boolean;
  /** Inside a ## block comment ## (which may span lines). */
  blockComment: boolean;
  /** The previous token was a dot, so a name is a member. */
  afterDot: boolean;
}

/** Token names → highlight tags; the names are what the unit tests assert. */
export const TOKEN_TABLE: Record<string, Tag> = {
  delimiter: t.brace,
  trim: t.modifier,
  keyword: t.keyword,
  string: t.string,
  number: t.number,
  atom: t.bool,
  operator: t.operator,
  pipe: t.controlOperator,
  variable: t.variableName,
  local: t.local(t.variableName),
  property: t.propertyName,
  function: t.function(t.variableName),
  punctuation: t.punctuation,
  comment: t.comment,
  invalid: t.invalid,
};

const OPERATORS = /^(?:==|!=|<=|>=|&&|\|\||\?\?|\.\.<|\.\.|=|<|>|\+|-|\*|\/\/|\/|%|!|\^)/;

function readString(stream: StringStream, quote: string): void {
  let escaped = false;
  let ch: string | void;
  while ((ch = stream.next()) !== undefined) {
    if (ch === quote && !escaped) return;
    escaped = quote !== "`" && !escaped && ch === "\\";
  }
}

export const scribanParser: StreamParser<ScribanState> = {
  name: "scriban",
  startState: () => ({ code: false, blockComment: false, afterDot: false }),
  copyState: (s) => ({ ...s }),
  tokenTable: TOKEN_TABLE,
  languageData: { commentTokens: { block: { open: "{{##", close: "##}}" } } },
  token(stream, state) {
    if (!state.code) {
      // Plain text up to the next {{ (or the end of the line).
      if (stream.match("{{")) {
        state.code = true;
        state.afterDot = false;
        return "delimiter";
      }
      if (stream.skipTo("{{")) return null;
      stream.skipToEnd();
      return null;
    }

    if (state.blockComment) {
      while (!stream.eol()) {
        if (stream.match("##")) {
          state.blockComment = false;
          return "comment";
        }
        stream.next();
      }
      return "comment";
    }

    // Whitespace trimmers right after {{ or right before }}.
    if (stream.start > 0 && stream.string.slice(stream.start - 2, stream.start) === "{{" && stream.match(/^[~-](?!\})/)) {
      return "trim";
    }
    if (stream.match(/^[~-](?=\}\})/)) return "trim";
    if (stream.match("}}")) {
      state.code = false;
      state.afterDot = false;
      return "delimiter";
    }
    if (stream.eatSpace()) return null;

    const ch = stream.peek();
    if (ch === undefined) return null;

    if (stream.match("##")) {
      state.blockComment = true;
      while (!stream.eol()) {
        if (stream.match("##")) {
          state.blockComment = false;
          break;
        }
        stream.next();
      }
      return "comment";
    }
    if (ch === "#") {
      // A line comment runs to the end of the line or the closing }}.
      while (!stream.eol() && !stream.match(/^[~-]?\}\}/, false)) stream.next();
      return "comment";
    }
    if (ch === '"' || ch === "'" || ch === "`") {
      stream.next();
      readString(stream, ch);
      state.afterDot = false;
      return "string";
    }
    if (stream.match(/^\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?/)) {
      state.afterDot = false;
      return "number";
    }
    if (stream.match(/^\$[A-Za-z_0-9]*/)) {
      state.afterDot = false;
      return "local";
    }
    if (stream.match(/^[A-Za-z_][A-Za-z_0-9]*/)) {
      const word = stream.current();
      const member = state.afterDot;
      state.afterDot = false;
      if (member) return "property";
      if (SCRIBAN_KEYWORDS.has(word)) return "keyword";
      if (ATOMS.has(word)) return "atom";
      return "variable";
    }
    if (stream.match(/^\|(?!\|)/)) {
      state.afterDot = false;
      return "pipe";
    }
    if (stream.match(OPERATORS)) {
      state.afterDot = false;
      return "operator";
    }
    if (ch === ".") {
      stream.next();
      state.afterDot = true;
      return "punctuation";
    }
    if (/[()[\],:;{}]/.test(ch)) {
      stream.next();
      state.afterDot = false;
      return "punctuation";
    }
    stream.next();
    return "invalid";
  },
};

export interface JsonState {
  /** Stack depth, unused for highlighting but kept for future folding. */
  depth: number;
}

export const JSON_TOKEN_TABLE: Record<string, Tag> = {
  property: t.propertyName,
  string: t.string,
  number: t.number,
  atom: t.bool,
  punctuation: t.punctuation,
  bracket: t.bracket,
  invalid: t.invalid,
};

/** JSON, lite: keys (a string followed by a colon), strings, numbers, true/false/null, brackets. */
export const jsonParser: StreamParser<JsonState> = {
  name: "json",
  startState: () => ({ depth: 0 }),
  copyState: (s) => ({ ...s }),
  tokenTable: JSON_TOKEN_TABLE,
  token(stream, state) {
    if (stream.eatSpace()) return null;
    const ch = stream.peek();
    if (ch === '"') {
      stream.next();
      readString(stream, '"');
      return stream.match(/^\s*:/, false) ? "property" : "string";
    }
    if (stream.match(/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^(?:true|false|null)\b/)) return "atom";
    if (ch === "{" || ch === "[") {
      stream.next();
      state.depth++;
      return "bracket";
    }
    if (ch === "}" || ch === "]") {
      stream.next();
      state.depth = Math.max(0, state.depth - 1);
      return "bracket";
    }
    if (ch === "," || ch === ":") {
      stream.next();
      return "punctuation";
    }
    stream.next();
    return "invalid";
  },
};

export const scribanLanguage = StreamLanguage.define(scribanParser);
export const jsonLanguage = StreamLanguage.define(jsonParser);

export interface ModeToken {
  text: string;
  type: string | null;
  line: number;
}

/** Runs a stream parser over a text, line by line, as CodeMirror would; for tests and tooling. */
export function runMode<S>(parser: StreamParser<S>, text: string): ModeToken[] {
  const state = parser.startState!(2);
  const out: ModeToken[] = [];
  text.split("\n").forEach((lineText, index) => {
    const stream = new StringStream(lineText, 4, 2);
    if (lineText === "") {
      parser.blankLine?.(state, 2);
      return;
    }
    while (!stream.eol()) {
      const before = stream.pos;
      const type = parser.token(stream, state);
      if (stream.pos === before) throw new Error(`The mode did not advance at line ${index + 1}, column ${before + 1}.`);
      out.push({ text: lineText.slice(stream.start, stream.pos), type: type ?? null, line: index + 1 });
      stream.start = stream.pos;
    }
  });
  return out;
}
