import { describe, expect, it } from "vitest";
import { setupJson, setupProblems } from "../src/admin/packs-view";

describe("setup.json from the packs view", () => {
  it("writes the business pack and one line per domain, lower case", () => {
    expect(setupJson({ pack: "goods", domains: [{ domain: " Contoso.Example ", pack: "software" }, { domain: "agency.example", pack: "services" }] })).toBe(
      '{\n  "pack": "goods",\n  "domains": {\n    "contoso.example": "software",\n    "agency.example": "services"\n  }\n}\n',
    );
    expect(JSON.parse(setupJson({ pack: "software", domains: [] }))).toEqual({ pack: "software", domains: {} });
  });

  it("names empty, malformed and repeated domains before anything is sent", () => {
    expect(setupProblems({ pack: "goods", domains: [{ domain: "contoso.example", pack: "software" }] })).toEqual([]);
    expect(setupProblems({ pack: "goods", domains: [{ domain: "", pack: "software" }] })).toEqual(["Every row needs a domain, such as customer.example."]);
    expect(setupProblems({ pack: "goods", domains: [{ domain: "dana@contoso.example", pack: "software" }] })[0]).toContain("is not an email domain");
    expect(setupProblems({ pack: "goods", domains: [{ domain: "contoso", pack: "software" }] })[0]).toContain("is not an email domain");
    expect(setupProblems({ pack: "goods", domains: [{ domain: "a.example", pack: "software" }, { domain: "A.example", pack: "goods" }] })).toEqual(["a.example is listed twice."]);
  });
});
