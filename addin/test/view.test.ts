import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { emptySelections, toViewModel } from "../src/taskpane/state";
import { renderPane, renderProblem, renderShell, sanitizeToFragment } from "../src/taskpane/view";
import type { Handlers } from "../src/taskpane/view";
import { classifyResponse, draftResponse, email } from "./fixtures";

const XSS = "<img src=x onerror=alert(1)>";

function handlers(): Handlers {
  return {
    onKind: vi.fn(), onAudience: vi.fn(), onField: vi.fn(), onAlternative: vi.fn(), onAlso: vi.fn(),
    onRightAbout: vi.fn(), onInsert: vi.fn(), onManagerEmail: vi.fn(), onCopyManager: vi.fn(),
    onSaveToDrafts: vi.fn(), onReplyAll: vi.fn(), onOpenLink: vi.fn(), onConfirmSent: vi.fn(),
  };
}

function render(overrides: { subject?: string; body?: string; draft?: ReturnType<typeof draftResponse>; mode?: "read" | "compose" } = {}) {
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.appendChild(root);
  const shell = renderShell(root);
  const h = handlers();
  const e = email({ ...(overrides.subject ? { subject: overrides.subject } : {}), ...(overrides.body ? { body: overrides.body } : {}), mode: overrides.mode ?? "read" });
  const model = toViewModel({ email: e, draft: overrides.draft ?? draftResponse(), classify: classifyResponse(), selections: emptySelections() });
  renderPane(shell, model, h, { managerEmail: "", drafting: false, inserting: false });
  return { root, shell, h };
}

describe("view", () => {
  it("shows where the reader found another ask as text, and a tick asks for it to be answered", () => {
    document.body.replaceChildren();
    const root = document.createElement("div");
    document.body.appendChild(root);
    const shell = renderShell(root);
    const h = handlers();
    const classify = classifyResponse({ secondary: [{ category: "deadline", confidence: 0.6, evidence: [{ text: `by Friday ${XSS}`, start: 0, length: 9 }] }] });
    renderPane(shell, toViewModel({ email: email(), draft: draftResponse(), classify, selections: emptySelections() }), h, { managerEmail: "", drafting: false, inserting: false });
    const section = root.querySelector('[data-testid="other-asks"]')!;
    expect(section.querySelector("img")).toBeNull();
    expect(section.textContent).toContain(`(read in the email: "by Friday ${XSS}")`);
    const box = section.querySelector<HTMLInputElement>("#also-deadline")!;
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    expect(h.onAlso).toHaveBeenCalledWith("deadline", true);
  });

  it("renders an email subject containing markup as text: no img element appears", () => {
    const { root } = render({ subject: `Renewal ${XSS}` });
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector(".email-subject")!.textContent).toBe(`Renewal ${XSS}`);
  });

  it("renders sender names, data values, alternative titles and API error text as text", () => {
    const draft = draftResponse({
      dataPoints: [{ name: "x", label: `Label ${XSS}`, value: `<script>alert(1)</script>`, source: "email" }],
      alternatives: [{ id: "a", title: `<b onmouseover=alert(1)>bold</b>`, offered: true }],
    });
    const { root, shell } = render({ draft });
    expect(root.querySelector("img, script, b[onmouseover]")).toBeNull();
    expect(root.textContent).toContain("<script>alert(1)</script>");
    renderProblem(shell, { title: XSS, message: XSS, email: { subject: XSS, sender: XSS } });
    expect(root.querySelector("img")).toBeNull();
  });

  it("marks the evidence words inside the excerpt", () => {
    const { root } = render();
    const marks = [...root.querySelectorAll(".ask-primary mark")].map((m) => m.textContent);
    expect(marks).toEqual(["reduce the price by 15%"]);
  });

  it("sanitises the preview: script and event handlers are stripped, paragraphs kept", () => {
    const frag = sanitizeToFragment('<p onclick="alert(1)">Hello</p><script>alert(2)</script><img src=x onerror=alert(3)><a href="javascript:alert(4)">x</a>');
    const div = document.createElement("div");
    div.appendChild(frag);
    expect(div.querySelector("script")).toBeNull();
    expect(div.querySelector("img")).toBeNull();
    expect(div.querySelector("[onclick]")).toBeNull();
    expect(div.querySelector("a")?.getAttribute("href") ?? "").not.toMatch(/javascript:/i);
    expect(div.querySelector("p")?.textContent).toBe("Hello");
  });

  it("puts the draft preview in the pane through DOMPurify", () => {
    const { root } = render({ draft: draftResponse({ html: "<p>Safe</p><script>window.hacked = 1</script>" }) });
    const preview = root.querySelector("#preview")!;
    expect(preview.querySelector("p")?.textContent).toBe("Safe");
    expect(preview.querySelector("script")).toBeNull();
  });

  it("uses real controls: labelled inputs, an audience fieldset of radios, buttons", () => {
    const { root, h } = render();
    for (const input of root.querySelectorAll("input:not([type=radio]):not([type=checkbox]), select")) {
      expect(root.querySelector(`label[for="${input.id}"]`), `label for ${input.id}`).not.toBeNull();
    }
    const radios = root.querySelectorAll<HTMLInputElement>("fieldset input[type=radio][name=audience]");
    expect([...radios].map((r) => [r.value, r.checked])).toEqual([["commercial", false], ["technical", false], ["finance", true]]);
    radios[1]!.click();
    expect(h.onAudience).toHaveBeenCalledWith("technical");
    const buttons = [...root.querySelectorAll("button")].map((b) => b.textContent);
    expect(buttons).toEqual(expect.arrayContaining(["Insert reply", "Insert reply all"]));
    expect(root.querySelector("[role=status][aria-live=polite]")).not.toBeNull();
  });

  it("shows checks as pass/fail chips, and the threat banner with Copy my manager only in compose mode", () => {
    const read = render();
    expect([...read.root.querySelectorAll(".chip.fail")].map((c) => c.textContent)).toEqual(["✗ Cites data: failed"]);
    expect(read.root.querySelector(".banner")?.textContent).toMatch(/Concede nothing/);
    expect([...read.root.querySelectorAll(".banner button")]).toHaveLength(0);
    const compose = render({ mode: "compose" });
    const copy = [...compose.root.querySelectorAll<HTMLButtonElement>(".banner button")].find((b) => b.textContent === "Copy my manager");
    expect(copy).toBeDefined();
    copy!.click();
    expect(compose.h.onCopyManager).toHaveBeenCalled();
  });

  it("keeps focus and caret in a field when the pane re-renders", () => {
    const { root, shell, h } = render();
    const input = root.querySelector<HTMLInputElement>("#field-currentMarginPercent")!;
    input.focus();
    input.value = "22";
    input.setSelectionRange(2, 2);
    const model = toViewModel({ email: email(), draft: draftResponse(), selections: { ...emptySelections(), fields: { currentMarginPercent: "22" } } });
    renderPane(shell, model, h, { managerEmail: "", drafting: true, inserting: false });
    const again = root.querySelector<HTMLInputElement>("#field-currentMarginPercent")!;
    expect(again).not.toBe(input);
    expect(document.activeElement).toBe(again);
    expect(again.value).toBe("22");
    expect(again.selectionStart).toBe(2);
  });

  it("no pane source assigns innerHTML/outerHTML or uses insertAdjacentHTML/document.write", () => {
    const dir = join(__dirname, "..", "src", "taskpane");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(dir, file), "utf8");
      expect(source, file).not.toMatch(/\.(innerHTML|outerHTML)\s*\+?=(?!=)|insertAdjacentHTML|document\.write/);
    }
  });
});
