import { describe, expect, it } from "vitest";
import { AlternativesForm } from "../src/admin/alternatives-form";
import { ConsiderYesForm } from "../src/admin/consider-yes-form";

const facts = [
  { name: "discretionAmount", label: "Most an account manager may concede without approval", unit: "money" },
  { name: "hourlyRate", label: "Engineering hourly rate", unit: "money" },
  { name: "trialDays", label: "Length of a free trial", unit: "days" },
];

const kindJson = JSON.stringify({
  id: "discount",
  alternatives: [{ id: "a", title: "A", text: "x", default: true }],
  smallCues: [{ pattern: "pay (just)? the difference", weight: 2 }],
  smallWhen: { dataPoint: "discountAmount", atMostFact: "discretionAmount" },
  dataPoints: [
    { name: "requestedDiscountPercent", label: "Requested discount", unit: "percent" },
    { name: "discountAmount", label: "Amount the discount removes", unit: "money", compute: "x" },
    { name: "whatWeFound", label: "What we found", unit: "text" },
  ],
});

async function setup(text = kindJson) {
  let current = text;
  const form = new ConsiderYesForm({ read: () => current, write: (t) => (current = t), loadFacts: async () => facts });
  await form.refresh();
  const q = <T extends Element>(id: string) => form.root.querySelector<T>(`[data-testid="${id}"]`)!;
  return { form, q, text: () => JSON.parse(current) as Record<string, unknown>, raw: () => current, set: (t: string) => (current = t) };
}

describe("the consider-a-yes form", () => {
  it("shows the rule by labels: the kind's numeric data points, and only facts in the same unit", async () => {
    const { q } = await setup();
    const point = q<HTMLSelectElement>("small-when-point");
    expect([...point.options].map((o) => o.textContent)).toEqual(["Never (no limit)", "Requested discount", "Amount the discount removes"]);
    expect(point.value).toBe("discountAmount");
    const fact = q<HTMLSelectElement>("small-when-fact");
    expect([...fact.options].map((o) => o.textContent)).toEqual(["Most an account manager may concede without approval", "Engineering hourly rate"]);
    expect(fact.value).toBe("discretionAmount");
    expect(q<HTMLTextAreaElement>("small-cues").value).toBe("pay (just)? the difference");
  });

  it("writes the rule and the phrases into kind.json, keeping a phrase's weight and dropping what is emptied", async () => {
    const { q, text } = await setup();
    const cues = q<HTMLTextAreaElement>("small-cues");
    cues.value = "pay (just)? the difference\n\n(new|another) computer\n";
    cues.dispatchEvent(new Event("input"));
    expect(text().smallCues).toEqual([
      { pattern: "pay (just)? the difference", weight: 2 },
      { pattern: "(new|another) computer", weight: 1 },
    ]);

    const point = q<HTMLSelectElement>("small-when-point");
    point.value = "";
    point.dispatchEvent(new Event("change"));
    expect("smallWhen" in text()).toBe(false);
    expect(q<HTMLSelectElement>("small-when-fact").disabled).toBe(true);

    cues.value = "  ";
    cues.dispatchEvent(new Event("input"));
    expect("smallCues" in text()).toBe(false);
    // Everything else in kind.json is as it was.
    expect(text().alternatives).toEqual([{ id: "a", title: "A", text: "x", default: true }]);
  });

  it("and the alternatives form beside it never undo each other's changes", async () => {
    const { q, raw, set, text } = await setup();
    const alternatives = new AlternativesForm({ read: raw, write: set });
    alternatives.refresh();
    const cues = q<HTMLTextAreaElement>("small-cues");
    cues.value = "(new|another) computer";
    cues.dispatchEvent(new Event("input"));
    const title = alternatives.root.querySelector<HTMLInputElement>('[data-testid="alt-title-1"]')!;
    title.value = "Three-year lock";
    title.dispatchEvent(new Event("input"));

    expect(text().smallCues).toEqual([{ pattern: "(new|another) computer", weight: 1 }]);
    expect((text().alternatives as { title: string }[])[0]!.title).toBe("Three-year lock");
  });
});
