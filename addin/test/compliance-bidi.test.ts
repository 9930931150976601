import { describe, expect, it } from "vitest";
import { bidiNodes, hasBidiControls, setTextWithBidiMarks } from "../src/compliance/bidi-marks";
import { DetailView } from "../src/compliance/detail-view";
import { renderWordDiff } from "../src/compliance/diff-view";
import type { DraftDetail } from "../src/compliance/types";

const render = (text: string) => {
  const div = document.createElement("div");
  setTextWithBidiMarks(div, text);
  return div;
};

describe("bidirectional controls are shown, not applied", () => {
  it("shows a right-to-left override inside an insult as a visible mark with its name", () => {
    const div = render("you are an id\u202Etoi\u202C, sadly");
    const marks = Array.from(div.querySelectorAll("span.bidi-mark"));
    expect(marks.map((m) => m.textContent)).toEqual(["⟦RLO⟧", "⟦PDF⟧"]);
    expect(marks[0]!.getAttribute("title")).toBe("U+202E right-to-left override");
    // No control is left in the page, so nothing is reordered; the rest of the text is kept as it is.
    expect(hasBidiControls(div.textContent!)).toBe(false);
    expect(div.textContent).toBe("you are an id⟦RLO⟧toi⟦PDF⟧, sadly");
  });

  it("marks every control: embeddings, overrides, isolates and the invisible marks", () => {
    const controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
    const div = render(controls);
    expect(Array.from(div.querySelectorAll(".bidi-mark")).map((m) => m.textContent).join("")).toBe(
      "⟦LRE⟧⟦RLE⟧⟦PDF⟧⟦LRO⟧⟦RLO⟧⟦LRI⟧⟦RLI⟧⟦FSI⟧⟦PDI⟧⟦LRM⟧⟦RLM⟧⟦ALM⟧",
    );
  });

  it("keeps markup in the text as characters and leaves text without controls alone", () => {
    const div = render("<img src=x onerror=alert(1)>\u202Egnp.exe");
    expect(div.querySelector("img")).toBeNull();
    expect(div.textContent).toBe("<img src=x onerror=alert(1)>⟦RLO⟧gnp.exe");
    expect(bidiNodes("plain text, Hebrew שלום and Arabic مرحبا").map((n) => n.nodeType)).toEqual([Node.TEXT_NODE]);
    expect(bidiNodes("")).toHaveLength(1);
  });

  it("shows the marks inside the word diff too", () => {
    const block = renderWordDiff([{ op: "add", text: "Thanks, \u202Eyou idiot\u202C" }]);
    expect(block.querySelector(".diff-add .bidi-mark")!.textContent).toBe("⟦RLO⟧");
    expect(block.textContent).toBe("Thanks, ⟦RLO⟧you idiot⟦PDF⟧");
  });
});

describe("the draft detail", () => {
  const detail = (): DraftDetail => ({
    summary: {
      id: "d1", createdAtUtc: "2026-11-19T14:00:00Z", userId: "sam", userName: "Sam Carter", customerDomain: "x.com", fromName: "Priya",
      fromEmail: "priya@x.com", subject: "Budget", kind: "discount", audience: "commercial", flags: [], status: "sent",
      sentAtUtc: "2026-11-19T14:15:00Z", sentUnchanged: false, failedChecks: [], sentWarned: false, review: "none", comments: 0, templateVersion: 1,
    },
    generated: { text: "We can't lower the price.", checkNotes: [], ask: { quote: "Could you \u202Ereduce\u202C it?" } },
    sent: { text: "We can't lower the price, you \u202Etoidi\u202C.", checkNotes: ["Blaming or rude wording: \"\u202Etoidi\u202C\"."] },
    diff: [{ op: "same", text: "We can't lower the price" }, { op: "add", text: ", you \u202Etoidi\u202C" }, { op: "same", text: "." }],
    records: [],
  });
  const show = (d: DraftDetail) => {
    const view = new DetailView({ canAct: false, act: async () => {}, onClose: () => {}, onAuthError: () => false });
    view.show(d);
    return view.element;
  };

  it("shows the controls in the sent text, the diff, the check notes and the ask as marks", () => {
    const page = show(detail());
    expect(page.querySelector("[data-testid=sent-text]")!.textContent).toBe("We can't lower the price, you ⟦RLO⟧toidi⟦PDF⟧.");
    expect(page.querySelectorAll("[data-testid=diff] .bidi-mark")).toHaveLength(2);
    expect(page.querySelector(".check-notes")!.textContent).toContain("⟦RLO⟧toidi⟦PDF⟧");
    expect(page.querySelector(".quote")!.textContent).toBe("Could you ⟦RLO⟧reduce⟦PDF⟧ it?");
    expect(hasBidiControls(page.textContent!)).toBe(false);
  });
});
