import { describe, expect, it } from "vitest";
import { jsonParser, runMode, scribanParser, type ModeToken } from "../src/admin/scriban-mode";

const types = (tokens: ModeToken[]) => tokens.filter((t) => t.type !== null || t.text.trim() !== "").map((t) => [t.text, t.type]);
const typeOf = (tokens: ModeToken[], text: string) => tokens.find((t) => t.text === text)?.type;

describe("Scriban mode", () => {
  it("leaves text outside {{ }} plain", () => {
    const tokens = runMode(scribanParser, "Thank you for your message, if and end are words here.");
    expect(tokens).toEqual([{ text: "Thank you for your message, if and end are words here.", type: null, line: 1 }]);
  });

  it("marks the delimiters and the keywords inside them", () => {
    const tokens = runMode(scribanParser, "We can't{{ if data.x }} by {{ data.x.value }}{{ else }} now{{ end }}.");
    expect(types(tokens)).toEqual([
      ["We can't", null],
      ["{{", "delimiter"],
      ["if", "keyword"],
      ["data", "variable"],
      [".", "punctuation"],
      ["x", "property"],
      ["}}", "delimiter"],
      [" by ", null],
      ["{{", "delimiter"],
      ["data", "variable"],
      [".", "punctuation"],
      ["x", "property"],
      [".", "punctuation"],
      ["value", "property"],
      ["}}", "delimiter"],
      ["{{", "delimiter"],
      ["else", "keyword"],
      ["}}", "delimiter"],
      [" now", null],
      ["{{", "delimiter"],
      ["end", "keyword"],
      ["}}", "delimiter"],
      [".", null],
    ]);
  });

  it("knows every keyword the brief lists", () => {
    for (const word of ["if", "else", "end", "for", "in", "while", "func", "ret", "include", "capture", "with", "case", "when", "break", "continue"]) {
      expect(typeOf(runMode(scribanParser, `{{ ${word} }}`), word), word).toBe("keyword");
    }
  });

  it("reads strings, numbers, operators, pipes, locals and atoms", () => {
    const tokens = runMode(scribanParser, `{{ $years = data.years; if $years && $years.number > 1.5 | math.round; include 'greeting'; x = "a \\"b\\" c" ?? true }}`);
    expect(typeOf(tokens, "$years")).toBe("local");
    expect(typeOf(tokens, "=")).toBe("operator");
    expect(typeOf(tokens, "&&")).toBe("operator");
    expect(typeOf(tokens, ">")).toBe("operator");
    expect(typeOf(tokens, "1.5")).toBe("number");
    expect(typeOf(tokens, "|")).toBe("pipe");
    expect(typeOf(tokens, "'greeting'")).toBe("string");
    expect(typeOf(tokens, `"a \\"b\\" c"`)).toBe("string");
    expect(typeOf(tokens, "??")).toBe("operator");
    expect(typeOf(tokens, "true")).toBe("atom");
    expect(typeOf(tokens, "number")).toBe("property");
    expect(typeOf(tokens, "round")).toBe("property");
  });

  it("marks the whitespace trimmers {{~ and ~}}", () => {
    const tokens = runMode(scribanParser, "{{~ include 'greeting' ~}}");
    expect(types(tokens)).toEqual([
      ["{{", "delimiter"],
      ["~", "trim"],
      ["include", "keyword"],
      ["'greeting'", "string"],
      ["~", "trim"],
      ["}}", "delimiter"],
    ]);
    // A minus right after {{ is a trimmer too, but not inside an expression.
    expect(typeOf(runMode(scribanParser, "{{- x -}}"), "-")).toBe("trim");
    expect(types(runMode(scribanParser, "{{ a - b }}"))).toContainEqual(["-", "operator"]);
  });

  it("reads # line comments up to }} and ## block comments over lines", () => {
    const line = runMode(scribanParser, "{{ # a note }}after");
    expect(types(line)).toEqual([
      ["{{", "delimiter"],
      ["# a note ", "comment"],
      ["}}", "delimiter"],
      ["after", null],
    ]);
    const block = runMode(scribanParser, "{{ ## first line\nstill a comment with end and if\nlast ## x }}text");
    expect(block.filter((t) => t.line === 2)).toEqual([{ text: "still a comment with end and if", type: "comment", line: 2 }]);
    expect(types(block.filter((t) => t.line === 3))).toEqual([
      ["last ##", "comment"],
      ["x", "variable"],
      ["}}", "delimiter"],
      ["text", null],
    ]);
  });

  it("keeps the code state across lines of a multi-line block", () => {
    const tokens = runMode(scribanParser, "{{\n  for alt in alternatives\n}}- {{ alt.title }}");
    expect(typeOf(tokens, "for")).toBe("keyword");
    expect(typeOf(tokens, "in")).toBe("keyword");
    expect(typeOf(tokens, "alternatives")).toBe("variable");
    expect(tokens.find((t) => t.line === 3 && t.text === "- ")?.type).toBeNull();
  });

  it("highlights the shipped discount template without stalling", () => {
    const text = [
      "{{~ $req = data.requestedDiscountPercent ~}}",
      "{{~ include 'greeting' ~}}",
      "We can't lower the price{{ if $req }} by {{ $req.value }}{{ end }}, because {{ facts.sameTierCustomers.value }} companies pay the same rate.",
      "{{~ if alternatives && (alternatives | array.size) > 0 ~}}",
    ].join("\n");
    const tokens = runMode(scribanParser, text);
    expect(tokens.filter((t) => t.type === "invalid")).toEqual([]);
    expect(typeOf(tokens, "array")).toBe("variable");
    expect(typeOf(tokens, "size")).toBe("property");
  });
});

describe("JSON mode", () => {
  it("tells keys from string values and reads numbers, atoms and brackets", () => {
    const tokens = runMode(jsonParser, `{ "name": "hourlyRate", "value": 150.5, "default": true, "x": null, "list": [1, -2e3] }`);
    expect(typeOf(tokens, `"name"`)).toBe("property");
    expect(typeOf(tokens, `"hourlyRate"`)).toBe("string");
    expect(typeOf(tokens, "150.5")).toBe("number");
    expect(typeOf(tokens, "-2e3")).toBe("number");
    expect(typeOf(tokens, "true")).toBe("atom");
    expect(typeOf(tokens, "null")).toBe("atom");
    expect(typeOf(tokens, "[")).toBe("bracket");
    expect(typeOf(tokens, ":")).toBe("punctuation");
  });
});
