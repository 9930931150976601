import { describe, expect, it, vi } from "vitest";
import { Text } from "@codemirror/state";
import { countChanges, lineDiff, renderDiff } from "../src/admin/diff";
import { DocumentEditor } from "../src/admin/editor";
import { problemPosition, renderProblems, toDiagnostics } from "../src/admin/problems";
import { AlternativesForm, parseKind, withAlternatives } from "../src/admin/alternatives-form";
import { factsJson, readValue } from "../src/admin/facts-view";
import { kindOfPath } from "../src/admin/app";
import type { Problem } from "../src/admin/types";

describe("line diff", () => {
  it("finds the changed line between unchanged ones, with both line numbers", () => {
    const lines = lineDiff("a\nb\nc\nd", "a\nB\nc\nd\ne");
    expect(lines).toEqual([
      { op: "same", text: "a", oldLine: 1, newLine: 1 },
      { op: "remove", text: "b", oldLine: 2, newLine: null },
      { op: "add", text: "B", oldLine: null, newLine: 2 },
      { op: "same", text: "c", oldLine: 3, newLine: 3 },
      { op: "same", text: "d", oldLine: 4, newLine: 4 },
      { op: "add", text: "e", oldLine: null, newLine: 5 },
    ]);
    expect(countChanges(lines)).toEqual({ added: 2, removed: 1 });
  });

  it("handles empty texts and identical texts", () => {
    expect(lineDiff("", "x")).toEqual([{ op: "add", text: "x", oldLine: null, newLine: 1 }]);
    expect(lineDiff("x\ny", "x\ny").every((l) => l.op === "same")).toBe(true);
  });

  it("renders with textContent: a <script> in a template line shows as text", () => {
    const diff = renderDiff(lineDiff("Hello", '<script>window.__pwned = 1</script>\nHello\n<img src=x onerror="alert(1)">'));
    document.body.replaceChildren(diff);
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
    const added = [...document.querySelectorAll("tr.diff-add .diff-text")].map((td) => td.textContent);
    expect(added).toEqual(["<script>window.__pwned = 1</script>", '<img src=x onerror="alert(1)">']);
    expect(document.querySelector('[data-testid="diff-summary"]')!.textContent).toBe("2 lines added, 0 removed.");
    // Line numbers: the added script line is new line 1; "Hello" is old 1, new 2.
    const same = document.querySelector("tr.diff-same")!;
    expect([...same.querySelectorAll(".diff-num")].map((td) => td.textContent)).toEqual(["1", "2"]);
  });

  it("folds long unchanged runs", () => {
    const old = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n");
    const changed = old.replace("line 15", "line fifteen");
    document.body.replaceChildren(renderDiff(lineDiff(old, changed)));
    const skips = [...document.querySelectorAll("tr.diff-skip")].map((r) => r.textContent);
    expect(skips).toEqual(["… 11 unchanged lines …", "… 12 unchanged lines …"]);
  });
});

describe("problems → positions", () => {
  const doc = Text.of(["first line", "  {{ if data.x }", "third"]);

  it("maps a 1-based line and column to an offset and marks the word there", () => {
    expect(problemPosition(doc, { line: 2, column: 6 })).toEqual({ from: 11 + 5, to: 11 + 7, line: 2, column: 6 });
    expect(doc.sliceString(16, 18)).toBe("if");
  });

  it("marks the whole line when there is no column, and clamps out-of-range places", () => {
    expect(problemPosition(doc, { line: 3, column: null })).toEqual({ from: 28, to: 33, line: 3, column: 1 });
    expect(problemPosition(doc, { line: 99, column: 99 })).toMatchObject({ line: 3, column: 6, from: 33 });
    expect(problemPosition(doc, { line: null })).toBeNull();
  });

  it("turns the open document's problems into lint diagnostics (not other paths')", () => {
    const problems: Problem[] = [
      { path: "discount/commercial.scriban", line: 2, column: 6, message: "Unexpected token" },
      { path: "_partials/greeting.scriban", line: 1, column: 1, message: "Elsewhere" },
      { path: "discount/commercial.scriban", line: null, message: "No line" },
      { path: "discount/commercial.scriban", line: 3, message: "Does not say no", check: "saysNo", kind: "discount", audience: "finance" },
    ];
    const diagnostics = toDiagnostics(doc, problems, "discount/commercial.scriban");
    expect(diagnostics.map((d) => [d.from, d.to, d.severity, d.message])).toEqual([
      [16, 18, "error", "Unexpected token"],
      [28, 33, "warning", "Does not say no (check: saysNo) [discount, finance]"],
    ]);
  });

  it("lists problems; those with a line in the open document are links that go there", () => {
    const onGoTo = vi.fn();
    const onOpen = vi.fn();
    const problems: Problem[] = [
      { path: "discount/commercial.scriban", line: 4, column: 2, message: "The <b>if</b> has no end" },
      { path: "_partials/greeting.scriban", line: 1, column: 1, message: "In a partial" },
      { path: "discount/commercial.scriban", message: "No place", check: "saysNo" },
    ];
    document.body.replaceChildren(renderProblems(problems, { path: "discount/commercial.scriban", onGoTo, onOpen }));
    const items = [...document.querySelectorAll('[data-testid="problem"]')];
    expect(items.map((i) => i.tagName)).toEqual(["BUTTON", "BUTTON", "SPAN"]);
    expect(items[0]!.textContent).toBe("discount/commercial.scriban, line 4, column 2 The <b>if</b> has no end");
    expect(document.querySelector("b")).toBeNull();
    (items[0] as HTMLButtonElement).click();
    expect(onGoTo).toHaveBeenCalledWith(problems[0]);
    (items[1] as HTMLButtonElement).click();
    expect(onOpen).toHaveBeenCalledWith(problems[1]);
  });
});

// jsdom has no layout: CodeMirror measures text ranges, so give ranges empty rectangles.
function emptyRects(): DOMRectList {
  const list = [] as unknown as DOMRectList & DOMRect[];
  Object.defineProperty(list, "item", { value: () => null });
  return list;
}
if (!Range.prototype.getClientRects) Range.prototype.getClientRects = emptyRects;
if (!Range.prototype.getBoundingClientRect) Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);

describe("editor navigation", () => {
  it("moves the cursor to a problem's line and column, focuses, and shows it as a diagnostic", () => {
    const host = document.createElement("div");
    document.body.replaceChildren(host);
    const cursor = vi.fn();
    const editor = new DocumentEditor(host, { onCursor: cursor });
    editor.load("discount/commercial.scriban", "Hello {{ customer.name }}\n\nWe can't {{ if x }}\nend");
    expect(editor.dirty).toBe(false);
    const problem: Problem = { path: "discount/commercial.scriban", line: 3, column: 13, message: "No end" };
    expect(editor.goTo(problem)).toBe(true);
    expect(editor.cursor()).toEqual({ line: 3, column: 13 });
    expect(cursor).toHaveBeenLastCalledWith(3, 13);
    expect(editor.view.hasFocus || document.activeElement === editor.view.contentDOM).toBe(true);
    editor.setProblems([problem]);
    expect(editor.shownProblems).toEqual([problem]);
  });

  it("tracks dirty against the loaded text and the saved snapshot", () => {
    const host = document.createElement("div");
    document.body.replaceChildren(host);
    const changes: boolean[] = [];
    const editor = new DocumentEditor(host, { onChange: (_t, dirty) => changes.push(dirty) });
    editor.load("facts.json", "{}");
    editor.replaceAll('{ "a": 1 }');
    expect(editor.dirty).toBe(true);
    const snapshot = editor.view.state.doc;
    editor.replaceAll('{ "a": 2 }'); // typed while saving
    editor.setBaseline(snapshot);
    expect(editor.dirty).toBe(true);
    editor.undo();
    expect(editor.dirty).toBe(false);
    expect(changes.at(-1)).toBe(false);
  });
});

describe("alternatives form data", () => {
  it("rewrites only the alternatives of kind.json with 2-space indentation", () => {
    const original = '{"id":"discount","title":"Discount","alternatives":[{"id":"a","title":"A","text":"x","default":true}],"examples":["e"]}\n';
    const parsed = parseKind(original);
    if (!parsed.ok) throw new Error(parsed.message);
    parsed.alternatives[0]!.title = "Three-year lock";
    parsed.alternatives.push({ id: "b", title: "B", text: "{{ facts.x.value }}", default: false });
    const text = withAlternatives(original, parsed.kind, parsed.alternatives);
    expect(text).toBe(
      JSON.stringify(
        {
          id: "discount",
          title: "Discount",
          alternatives: [
            { id: "a", title: "Three-year lock", text: "x", default: true },
            { id: "b", title: "B", text: "{{ facts.x.value }}", default: false },
          ],
          examples: ["e"],
        },
        null,
        2,
      ) + "\n",
    );
  });

  it("says when kind.json does not parse", () => {
    const parsed = parseKind('{"id": ');
    expect(parsed.ok).toBe(false);
  });

  it("ticks an alternative as a counter-proposal to imposed terms, and keeps any other stance it had", () => {
    let text = '{"id":"k","alternatives":[{"id":"a","title":"A","text":"x","default":true},{"id":"b","title":"B","text":"y","default":false,"stances":["own_part","imposed"]}]}';
    const form = new AlternativesForm({ read: () => text, write: (t) => (text = t) });
    form.refresh();
    const box = (n: number) => form.root.querySelector<HTMLInputElement>(`[data-testid="alt-imposed-${n}"]`)!;
    expect(box(1).checked).toBe(false);
    expect(box(2).checked).toBe(true);
    box(1).checked = true;
    box(1).dispatchEvent(new Event("change"));
    box(2).checked = false;
    box(2).dispatchEvent(new Event("change"));
    const saved = JSON.parse(text) as { alternatives: { id: string; stances?: string[] }[] };
    expect(saved.alternatives.map((a) => [a.id, a.stances])).toEqual([
      ["a", ["imposed"]],
      ["b", ["own_part"]],
    ]);
    box(1).checked = false;
    box(1).dispatchEvent(new Event("change"));
    expect("stances" in (JSON.parse(text) as { alternatives: object[] }).alternatives[0]!).toBe(false);
    const ownPart = form.root.querySelector<HTMLInputElement>('[data-testid="alt-own-part-2"]')!;
    expect(ownPart.checked).toBe(true);
    ownPart.checked = false;
    ownPart.dispatchEvent(new Event("change"));
    expect("stances" in (JSON.parse(text) as { alternatives: object[] }).alternatives[1]!).toBe(false);
  });

  it("writes the phrases an alternative is written for as `when`, and drops it when emptied", () => {
    let text = JSON.stringify({ id: "liability", alternatives: [{ id: "a", title: "A", text: "x", default: true }] });
    const form = new AlternativesForm({ read: () => text, write: (t) => (text = t) });
    form.refresh();
    const area = form.root.querySelector<HTMLTextAreaElement>('[data-testid="alt-when-1"]')!;
    expect(area.value).toBe("");
    area.value = "charged twice\n\n (overcharg*|billing error) ";
    area.dispatchEvent(new Event("input"));
    expect((JSON.parse(text) as { alternatives: { when?: string[] }[] }).alternatives[0]!.when).toEqual(["charged twice", "(overcharg*|billing error)"]);
    area.value = " ";
    area.dispatchEvent(new Event("input"));
    expect("when" in (JSON.parse(text) as { alternatives: object[] }).alternatives[0]!).toBe(false);
  });

  it("marks an alternative as not offered in hardship, and drops the mark when cleared", () => {
    let text = JSON.stringify({ id: "payment_terms", alternatives: [{ id: "early-payment", title: "Early payment", text: "x", default: true }] });
    const form = new AlternativesForm({ read: () => text, write: (t) => (text = t) });
    form.refresh();
    const box = form.root.querySelector<HTMLInputElement>('[data-testid="alt-hardship-1"]')!;
    expect(box.checked).toBe(false);
    expect(box.closest("label")!.textContent).toContain("Not offered when they tell of hardship");
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    expect((JSON.parse(text) as { alternatives: { notInHardship?: boolean }[] }).alternatives[0]!.notInHardship).toBe(true);
    box.checked = false;
    box.dispatchEvent(new Event("change"));
    expect("notInHardship" in (JSON.parse(text) as { alternatives: object[] }).alternatives[0]!).toBe(false);
  });

  it("marks an alternative as offered only when the email says so, and drops the mark when cleared", () => {
    let text = JSON.stringify({ id: "liability", alternatives: [{ id: "repair-at-cost", title: "Repair at cost", text: "x", default: true, when: ["broken"] }] });
    const form = new AlternativesForm({ read: () => text, write: (t) => (text = t) });
    form.refresh();
    const box = form.root.querySelector<HTMLInputElement>('[data-testid="alt-only-when-1"]')!;
    expect(box.checked).toBe(false);
    expect(box.closest("label")!.textContent).toContain("Only when the email says so");
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    expect((JSON.parse(text) as { alternatives: { onlyWhen?: boolean }[] }).alternatives[0]!.onlyWhen).toBe(true);
    box.checked = false;
    box.dispatchEvent(new Event("change"));
    expect("onlyWhen" in (JSON.parse(text) as { alternatives: object[] }).alternatives[0]!).toBe(false);
  });
});

describe("facts", () => {
  it("lays out facts.json one fact per line, as the API does", () => {
    expect(factsJson({ currency: "USD", facts: [{ name: "hourlyRate", value: 150, unit: "money", label: "Rate" }, { name: "x", value: 1.5, unit: "percent", label: "X" }] })).toBe(
      '{\n  "currency": "USD",\n  "facts": [\n    { "name": "hourlyRate", "value": 150, "unit": "money", "label": "Rate" },\n    { "name": "x", "value": 1.5, "unit": "percent", "label": "X" }\n  ]\n}\n',
    );
    expect(readValue(" 42 ")).toBe(42);
    expect(readValue("")).toBeNull();
  });

  it("knows the kind of a path", () => {
    expect(kindOfPath("discount/commercial.scriban")).toBe("discount");
    expect(kindOfPath("discount/kind.json")).toBe("discount");
    expect(kindOfPath("_partials/greeting.scriban")).toBeNull();
    expect(kindOfPath("facts.json")).toBeNull();
  });
});

describe("diff order", () => {
  it("shows removed lines before added ones within a block, as the API may send them the other way", () => {
    document.body.replaceChildren(
      renderDiff([
        { op: "same", text: "a", oldLine: 1, newLine: 1 },
        { op: "add", text: "new", oldLine: null, newLine: 2 },
        { op: "remove", text: "old", oldLine: 2, newLine: null },
      ]),
    );
    expect([...document.querySelectorAll("tr.diff-line")].map((r) => r.getAttribute("data-op"))).toEqual(["same", "remove", "add"]);
  });
});
