import { describe, expect, it, vi } from "vitest";
import { AdminApi } from "../src/admin/api";
import { camelParts, factIdElement } from "../src/admin/fact-name";
import { PreviewPanel, sameSampleKey, type PreviewSource } from "../src/admin/preview-panel";
import { addedWords, renderMarked, tokens } from "../src/admin/word-diff";

describe("fact ids", () => {
  it("cut only where a camelCase word or a number starts", () => {
    expect(camelParts("grossMarginFloorPercent")).toEqual(["gross", "Margin", "Floor", "Percent"]);
    expect(camelParts("net30Days")).toEqual(["net", "30", "Days"]);
    expect(camelParts("annualSLAHours")).toEqual(["annual", "SLA", "Hours"]);
    expect(camelParts("x")).toEqual(["x"]);
    expect(camelParts("")).toEqual([""]);
  });

  it("render as text with break opportunities between words only, the whole id in the title", () => {
    const id = factIdElement("grossMarginFloorPercent");
    expect(id.textContent).toBe("grossMarginFloorPercent");
    expect(id.title).toBe("grossMarginFloorPercent");
    expect(id.querySelectorAll("wbr")).toHaveLength(3);
    const hostile = factIdElement("<b>x</b>");
    expect(hostile.querySelector("b")).toBeNull();
    expect(hostile.textContent).toBe("<b>x</b>");
  });
});

describe("word diff of the preview", () => {
  const marked = (a: string, b: string) =>
    addedWords(a, b)
      .filter((p) => p.added)
      .map((p) => p.text);

  it("joins back to the new text", () => {
    const b = "We can't go below 20%  margin,\nsorry.";
    expect(tokens(b).join("")).toBe(b);
    expect(addedWords("We can't go below 15% margin.", b).map((p) => p.text).join("")).toBe(b);
  });

  it("marks the added and changed words, not the kept ones nor lone spaces", () => {
    expect(marked("We cannot lower the price.", "We cannot lower the price this quarter.")).toEqual(["price this quarter."]);
    expect(marked("The floor is 20%.", "The floor is 25%.")).toEqual(["25%."]);
    expect(marked("a b c", "a x b y c")).toEqual(["x", "y"]);
    expect(marked("same text", "same text")).toEqual([]);
    expect(marked("only removed words here", "only words here")).toEqual([]);
  });

  it("renders <mark> with text nodes only", () => {
    const target = document.createElement("div");
    renderMarked(target, addedWords("Hello there.", "Hello <script>alert(1)</script> there."));
    expect(target.querySelector("script")).toBeNull();
    expect(target.querySelector("mark")!.textContent).toBe("<script>alert(1)</script>");
    expect(target.textContent).toBe("Hello <script>alert(1)</script> there.");
  });

  it("gives up marking on huge texts instead of freezing", () => {
    const a = Array.from({ length: 1200 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 1200 }, (_, i) => `b${i}`).join(" ");
    expect(addedWords(a, b)).toEqual([{ text: b, added: false }]);
  });
});

describe("PreviewPanel highlights what an edit changed", () => {
  const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

  it("marks the words the unsaved edit added to the saved text of the same sample; a new sample shows plain text", async () => {
    let reply = "We cannot lower the price.";
    const fetchMock = vi.fn(async (url: RequestInfo | URL) => {
      if (String(url).includes("/documents/")) return ok({ id: 1, path: "discount/kind.json", version: 1, content: '{"examples":["a","b"]}' });
      return ok({ kind: "discount", problems: [], previews: [{ audience: "commercial", text: reply, checks: {}, problems: [] }] });
    });
    const api = new AdminApi({ baseUrl: "http://x", getToken: async () => "t", fetch: fetchMock as typeof fetch });
    const source: PreviewSource = { fixedKind: "discount", changes: [], path: "discount/commercial.scriban" };
    const panel = new PreviewPanel({ api, source: () => source, onGoTo: vi.fn(), onOpen: vi.fn(), onError: () => false, delayMs: 0 });
    panel.setKinds([{ id: "discount", title: "Discount", refusable: true, examples: 2, definition: { path: "discount/kind.json", version: 1 }, templates: [] }]);
    document.body.replaceChildren(panel.root);
    const text = () => document.querySelector<HTMLElement>('[data-testid="preview-text-commercial"]')!;
    const settle = async () => {
      for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
    };

    await panel.update();
    await settle();
    expect(text().textContent).toBe(reply);
    expect(text().querySelector("mark")).toBeNull();

    reply = "We cannot lower the price this quarter.";
    source.changes = [{ path: "discount/commercial.scriban", content: "edited" }];
    panel.schedule();
    await settle();
    expect(text().textContent).toBe(reply);
    expect([...text().querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["price this quarter."]);

    // A further keystroke: still the whole edit against the saved text, not the last change only.
    reply = "We cannot lower the price this quarter, sorry.";
    source.changes = [{ path: "discount/commercial.scriban", content: "edited more" }];
    panel.schedule();
    await settle();
    expect([...text().querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["price this quarter, sorry."]);

    // Another example is another text, not an edit: nothing marked.
    source.changes = [];
    (document.querySelector('[data-testid="sample-select"]') as HTMLSelectElement).value = "1";
    reply = "Completely different words.";
    panel.refreshNow();
    await settle();
    expect(text().textContent).toBe(reply);
    expect(text().querySelector("mark")).toBeNull();
  });

  it("keys a preview by kind, sample and pack, not by the changes", () => {
    expect(sameSampleKey({ kind: "k", example: 0, changes: [{ path: "p", content: "1" }] })).toBe(sameSampleKey({ kind: "k", example: 0 }));
    expect(sameSampleKey({ kind: "k", example: 0 })).not.toBe(sameSampleKey({ kind: "k", example: 1 }));
    expect(sameSampleKey({ kind: "k", example: 0 })).not.toBe(sameSampleKey({ kind: "k", example: 0, pack: "saas" }));
  });
});
