import { describe, expect, it } from "vitest";
import {
  apiQuery,
  applyPreset,
  defaultState,
  emptyFilters,
  filterQuery,
  lastWeek,
  nextDay,
  parseState,
  stateToSearch,
  type ViewState,
} from "../src/compliance/filters";

describe("compliance filter state and the address", () => {
  it("round-trips every filter, the page, the total, the open draft and the tab through the query string", () => {
    const state: ViewState = {
      filters: {
        user: "Alex Morgan",
        domain: "northwind-foods.com",
        kind: "discount",
        audience: "commercial",
        flag: "threat",
        failedCheck: "offersAlternative",
        status: "sent",
        edited: "true",
        review: "none",
        from: "2026-11-16",
        to: "2026-11-22",
        q: "renewal & 15%",
      },
      skip: 50,
      count: true,
      draft: "01a204e1-4e0a-750f-b5f5-efdfd89e13c7",
      tab: "drafts",
    };
    const search = stateToSearch(state);
    expect(search).toBe(
      "?user=Alex+Morgan&domain=northwind-foods.com&kind=discount&audience=commercial&flag=threat&failedCheck=offersAlternative" +
        "&status=sent&edited=true&review=none&from=2026-11-16&to=2026-11-22&q=renewal+%26+15%25&skip=50&count=true&draft=01a204e1-4e0a-750f-b5f5-efdfd89e13c7",
    );
    expect(parseState(search)).toEqual(state);
    // And back again, unchanged.
    expect(stateToSearch(parseState(search))).toBe(search);
  });

  it("writes nothing for the default state and only what is set otherwise", () => {
    expect(stateToSearch(defaultState())).toBe("");
    expect(stateToSearch({ ...defaultState(), tab: "dashboard" })).toBe("?tab=dashboard");
    expect(stateToSearch({ ...defaultState(), filters: { ...emptyFilters(), review: "reviewed" } })).toBe("?review=reviewed");
    expect(parseState("")).toEqual(defaultState());
  });

  it("drops values the API would refuse: unknown choices, bad dates, negative pages, unknown tabs", () => {
    const state = parseState("?flag=bad&failedCheck=spelling&status=lost&edited=maybe&review=done&audience=ceo&from=2026-02-30&to=yesterday&skip=-5&tab=admin&count=1");
    expect(state).toEqual(defaultState());
  });

  it("trims text and lower-cases the domain", () => {
    const state = parseState("?domain=%20Northwind-Foods.COM%20&q=%20budget%20");
    expect(state.filters.domain).toBe("northwind-foods.com");
    expect(state.filters.q).toBe("budget");
  });

  it("sends the API an exclusive 'to' (the day after) and the paging", () => {
    const state = parseState("?from=2026-11-16&to=2026-11-22&status=sent&skip=100&count=true");
    const query = apiQuery(state, 50);
    expect(query.get("from")).toBe("2026-11-16");
    expect(query.get("to")).toBe("2026-11-23");
    expect(query.get("status")).toBe("sent");
    expect(query.get("skip")).toBe("100");
    expect(query.get("take")).toBe("50");
    expect(query.get("count")).toBe("true");
    // The export takes the filters only.
    expect([...filterQuery(state.filters).keys()]).toEqual(["status", "from", "to"]);
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
  });

  it("has the quick presets: sent without an alternative, and last week (Monday to Sunday, UTC)", () => {
    const start = { ...emptyFilters(), domain: "fabrikam-plants.com", review: "none" };
    expect(applyPreset(start, "sentWithoutAlternative", new Date())).toEqual({ ...emptyFilters(), status: "sent", failedCheck: "offersAlternative" });

    // Wednesday 25 November 2026: last week is 16 to 22 November.
    const wednesday = new Date("2026-11-25T09:00:00Z");
    expect(lastWeek(wednesday)).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(applyPreset(start, "lastWeek", wednesday)).toEqual({ ...start, from: "2026-11-16", to: "2026-11-22" });
    // On a Monday and a Sunday.
    expect(lastWeek(new Date("2026-11-23T00:30:00Z"))).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(lastWeek(new Date("2026-11-22T23:00:00Z"))).toEqual({ from: "2026-11-09", to: "2026-11-15" });
  });
});
