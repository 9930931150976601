import { describe, expect, it } from "vitest";
import { draftToInsert, isEdited, textToHtml } from "../src/taskpane/draft-text";
import { changeWords } from "../src/taskpane/redraft";
import { placeFigure } from "../src/taskpane/pane";

describe("the draft text", () => {
  it("makes HTML as the API does: paragraphs, line breaks, bullets, everything encoded", () => {
    expect(textToHtml("Hi Priya,\n\nWe can't do 15% <b>.\nThanks\n\n- One & two\n- Three")).toBe(
      "<p>Hi Priya,</p><p>We can&#39;t do 15% &lt;b&gt;.<br>Thanks</p><ul><li>One &amp; two</li><li>Three</li></ul>",
    );
    expect(textToHtml("Para\r\n\r\nNext")).toBe("<p>Para</p><p>Next</p>");
  });

  it("is edited only when more than whitespace changed", () => {
    expect(isEdited("Hi Priya,\n\nNo.", "Hi Priya,\r\n\r\nNo.  \n")).toBe(false);
    expect(isEdited("Hi Priya,\n\nNo.", "Dear Priya,\n\nNo.")).toBe(true);
  });

  it("inserts the generated draft unless edited, then the edited text and its HTML", () => {
    const draft = { id: "d1", html: "<p>Generated</p>", text: "Generated" };
    expect(draftToInsert(draft, null)).toEqual({ id: "d1", html: "<p>Generated</p>", text: "Generated" });
    expect(draftToInsert(draft, "Mine\n\n- a <x>\n")).toEqual({ id: "d1", html: "<p>Mine</p><ul><li>a &lt;x&gt;</li></ul>", text: "Mine\n\n- a <x>" });
  });
});

describe("re-draft words and figures", () => {
  it("says which change waits for the confirm", () => {
    expect(changeWords({ audience: "technical" })).toBe("Changing who reads it");
    expect(changeWords({ category: "scope", fields: {} })).toBe("Changing the kind of ask");
    expect(changeWords({})).toBe("This change");
  });

  it("places a figure in one field at a time", () => {
    expect(placeFigure({ a: "1", b: "22%" }, "22%", "c")).toEqual({ a: "1", c: "22%" });
    expect(placeFigure({ a: "1", b: "22%" }, "22%", null)).toEqual({ a: "1" });
  });
});
