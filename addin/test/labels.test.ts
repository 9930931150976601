import { describe, expect, it } from "vitest";
import { ID_LIKE, checkLabelFor, errorLines, humanizeId, kindTitle, plainMessage, problemKeyLabel, templateTitle, withWords } from "../src/shared/labels";

describe("shared labels", () => {
  it("puts ids in words", () => {
    expect(humanizeId("payment_terms")).toBe("Payment terms");
    expect(humanizeId("averageDaysToPay")).toBe("Average days to pay");
    expect(humanizeId("requestedDiscountPercent")).toBe("Requested discount (%)");
    expect(humanizeId("multi-year")).toBe("Multi year");
    expect(humanizeId("")).toBe("");
  });

  it("prefers the catalog's title, then the shipped one, then the id in words", () => {
    expect(kindTitle("payment_terms")).toBe("Longer payment terms");
    expect(kindTitle("warranty_extension")).toBe("Warranty extension");
    expect(kindTitle("warranty_extension", new Map([["warranty_extension", "Longer warranty"]]))).toBe("Longer warranty");
    expect(kindTitle("discount", { discount: "Price cut" })).toBe("Price cut");
    expect(templateTitle("payment_terms/finance")).toBe("Longer payment terms, finance");
  });

  it("names the first check by what the reply does: a no, or a remedy granted when it owns our part", () => {
    expect(checkLabelFor("saysNo", { saysNo: true })).toBe("Says no");
    expect(checkLabelFor("saysNo", { saysNo: true, grants: true })).toBe("Grants the remedy plainly");
    expect(checkLabelFor("givesReason", { grants: true })).toBe("Gives a reason");
    expect(checkLabelFor("saysNo", null)).toBe("Says no");
  });

  it("names validation keys by the field's label", () => {
    const label = (n: string) => (n === "averageDaysToPay" ? "How many days do they take to pay?" : undefined);
    expect(problemKeyLabel("fields.averageDaysToPay", label)).toBe("How many days do they take to pay?");
    expect(problemKeyLabel("fields.currentMarginPercent")).toBe("Current margin (%)");
    expect(problemKeyLabel("email.body")).toBe("The email's text");
    expect(problemKeyLabel("theyAreRightAbout")).toBe("They are right about");
  });

  it("puts ids in server messages in words, known ones by their label", () => {
    const words = new Map([["averageDaysToPay", "Days to pay"]]);
    expect(withWords("The value of averageDaysToPay is longer than 200 characters.", words)).toBe("The value of Days to pay is longer than 200 characters.");
    expect(withWords("'averageDaysToPay' is not a number.", words)).toBe("Days to pay is not a number.");
    expect(plainMessage("'x' is not a data point of the payment_terms kind.")).toBe("'x' is not a data point of the Longer payment terms kind.");
    const lines = errorLines({ "fields.averageDaysToPay": ["The value of averageDaysToPay is too long."] }, () => undefined, words);
    expect(lines).toEqual(["Average days to pay: The value of Days to pay is too long."]);
    for (const line of lines) expect(line).not.toMatch(ID_LIKE);
  });

  it("recognises ids in running text", () => {
    expect(ID_LIKE.test("a payment_terms kind")).toBe(true);
    expect(ID_LIKE.test("set currentMarginPercent")).toBe(true);
    expect(ID_LIKE.test("Longer payment terms (%)")).toBe(false);
  });
});
