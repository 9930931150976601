import { describe, expect, it } from "vitest";
import { ChainStatus, describeReport } from "../src/compliance/chain-status";
import { bar, DashboardView, pivotWeeks } from "../src/compliance/dashboard-view";
import { DetailView, howOf, stanceText } from "../src/compliance/detail-view";
import { diffSection, diffStats, renderWordDiff } from "../src/compliance/diff-view";
import type { Dashboard, DiffSpan, DraftDetail, VerifyReport } from "../src/compliance/types";

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

const intact: VerifyReport = {
  intact: true,
  records: 38,
  firstSeq: 1,
  lastSeq: 38,
  headSeq: 38,
  headHash: "ab".repeat(32),
  purgedThroughSeq: null,
  problems: [],
  elapsedMs: 45,
};

const broken: VerifyReport = {
  ...intact,
  intact: false,
  problems: [
    { seq: 35, problem: "content altered: its fields do not match its content hash" },
    { seq: 36, problem: "chain broken: its previous hash does not match the record before it" },
  ],
};

describe("word diff", () => {
  const spans: DiffSpan[] = [
    { op: "same", text: "Hi Priya,\n\n" },
    { op: "remove", text: "Here is what we can do instead:\n\n- Three-year price lock" },
    { op: "same", text: "\n\nBest regards" },
    { op: "add", text: "\n\n<script>alert(1)</script><b>bold</b>" },
  ];

  it("renders each run as a span classed by its operation, with its text as text", () => {
    const block = renderWordDiff(spans);
    document.body.replaceChildren(block);
    const children = Array.from(block.children) as HTMLElement[];
    expect(children.map((c) => c.tagName)).toEqual(["SPAN", "SPAN", "SPAN", "SPAN"]);
    expect(children.map((c) => c.className)).toEqual(["diff-same", "diff-remove", "diff-same", "diff-add"]);
    expect(children[1]!.getAttribute("role")).toBe("deletion");
    expect(children[3]!.getAttribute("role")).toBe("insertion");
    expect(block.querySelector(".diff-remove")!.textContent).toBe("Here is what we can do instead:\n\n- Three-year price lock");
    // The sent text's markup is text: no script or b element, the characters shown as they are.
    expect(block.querySelector("script")).toBeNull();
    expect(block.querySelector("b")).toBeNull();
    expect(block.querySelector(".diff-add")!.textContent).toBe("\n\n<script>alert(1)</script><b>bold</b>");
    expect(block.textContent).toBe(spans.map((s) => s.text).join(""));
  });

  it("counts words added and removed, and says when the text was sent unchanged", () => {
    expect(diffStats(spans)).toEqual({ removed: 11, added: 1 });
    const section = diffSection(spans);
    expect(section.querySelector("[data-testid=diff-summary]")!.textContent).toContain("11 words removed, 1 added.");
    expect(diffSection([{ op: "same", text: "Hi" }]).querySelector("[data-testid=diff-summary]")!.textContent).toContain("Sent unchanged.");
    expect(diffSection(null).textContent).toBe("Not sent: there is nothing to compare.");
  });
});

describe("a diff by line", () => {
  const spans: DiffSpan[] = [
    { op: "remove", text: ".".repeat(50) },
    { op: "add", text: "Hi Priya,\n" },
  ];

  it("says in words that the texts were too large to compare word by word", () => {
    const note = diffSection(spans, true).querySelector("[data-testid=diff-by-line]");
    expect(note!.textContent).toContain("too large to compare word by word");
    expect(diffSection(spans).querySelector("[data-testid=diff-by-line]")).toBeNull();
  });

  it("is shown on the draft when the API says so, and not for an API that does not say", () => {
    const show = (extra: Partial<DraftDetail>) => {
      const view = new DetailView({ canAct: false, act: async () => {}, onClose: () => {}, onAuthError: () => false });
      view.show({
        summary: {
          id: "d1", createdAtUtc: "2026-11-19T14:00:00Z", userId: "sam", userName: "Sam Carter", customerDomain: "x.com", fromName: "Priya",
          fromEmail: "priya@x.com", subject: "Budget", kind: "discount", audience: "commercial", flags: [], status: "sent",
          sentAtUtc: "2026-11-19T14:15:00Z", sentUnchanged: false, failedChecks: [], sentWarned: false, review: "none", comments: 0, templateVersion: 1,
        },
        generated: { text: "Hi Priya,\n" },
        sent: { text: ".".repeat(50) },
        diff: spans,
        records: [],
        ...extra,
      });
      return view.element.querySelector("[data-testid=diff-by-line]");
    };
    expect(show({ diffByLine: true })).not.toBeNull();
    expect(show({ diffByLine: false })).toBeNull();
    expect(show({})).toBeNull();
  });

  it("names the other asks a draft also answered in words, and says nothing when there were none", () => {
    const view = new DetailView({ canAct: false, act: async () => {}, onClose: () => {}, onAuthError: () => false });
    const summary = {
      id: "d2", createdAtUtc: "2026-11-19T14:00:00Z", userId: "sam", userName: "Sam Carter", customerDomain: "x.com", fromName: "Priya",
      fromEmail: "priya@x.com", subject: "Renewal", kind: "discount", audience: "commercial", flags: [], status: "generated", sentAtUtc: null,
      sentUnchanged: false, failedChecks: [], sentWarned: false, review: "none", comments: 0, templateVersion: 1,
    } as DraftDetail["summary"];
    view.show({ summary, generated: { text: "Hi Priya,\n", also: ["payment_terms", "deadline"] }, sent: null, diff: [], records: [] } as DraftDetail);
    const also = view.element.querySelector("[data-testid=detail-also]")!;
    expect(also.textContent).not.toContain("payment_terms");
    expect(also.textContent).toContain(", ");
    view.show({ summary, generated: { text: "Hi Priya,\n" }, sent: null, diff: [], records: [] } as DraftDetail);
    expect(view.element.querySelector("[data-testid=detail-also]")).toBeNull();
  });
});

describe("chain indicator", () => {
  it("describes an intact chain with its record count and time", () => {
    expect(describeReport(intact)).toEqual({ state: "intact", headline: "Chain intact: 38 records (1–38), verified in 45 ms", problems: [] });
  });

  it("names the first broken record and lists the problems", () => {
    const described = describeReport(broken);
    expect(described.state).toBe("broken");
    expect(described.headline).toBe("Chain broken at record 35");
    expect(described.problems).toEqual([
      "Record 35: content altered: its fields do not match its content hash",
      "Record 36: chain broken: its previous hash does not match the record before it",
    ]);
  });

  it("shows intact, then broken in the broken state, after calling verify", async () => {
    let report = intact;
    let calls = 0;
    const chain = new ChainStatus(async () => {
      calls++;
      return report;
    });
    document.body.replaceChildren(chain.element);
    const status = chain.element.querySelector<HTMLElement>("[data-testid=chain-status]")!;
    expect(status.dataset.state).toBe("idle");

    chain.element.querySelector<HTMLButtonElement>("[data-testid=verify]")!.click();
    await settle();
    expect(calls).toBe(1);
    expect(status.dataset.state).toBe("intact");
    expect(status.getAttribute("role")).toBe("status");
    expect(status.querySelector("[data-testid=chain-headline]")!.textContent).toBe("Chain intact: 38 records (1–38), verified in 45 ms");

    report = broken;
    await chain.run();
    expect(status.dataset.state).toBe("broken");
    const headline = status.querySelector<HTMLElement>("[data-testid=chain-headline]")!;
    expect(headline.dataset.seq).toBe("35");
    expect(headline.textContent).toContain("Chain broken at record 35");
    expect(Array.from(status.querySelectorAll("[data-testid=chain-problems] li")).map((li) => li.textContent)).toEqual(broken.problems.map((p) => `Record ${p.seq}: ${p.problem}`));
  });

  it("shows a failed verification as an error, and lets the app take a 401", async () => {
    const chain = new ChainStatus(async () => {
      throw new Error("The OutlookSayNo service cannot be reached.");
    });
    await chain.run();
    expect(chain.state).toBe("error");
    expect(chain.element.textContent).toContain("Could not verify: The OutlookSayNo service cannot be reached.");
  });
});

describe("dashboard", () => {
  const dashboard: Dashboard = {
    fromUtc: "2026-09-02T09:00:00Z",
    toUtc: "2026-11-25T09:00:00Z",
    drafts: 8,
    sent: 4,
    shareSentUnchanged: 0.25,
    shareWithFailedChecks: 0.375,
    perWeek: [
      { weekStart: "2026-11-16", kind: "deadline", audience: "technical", count: 1 },
      { weekStart: "2026-11-16", kind: "discount", audience: "commercial", count: 2 },
      { weekStart: "2026-11-23", kind: "deadline", audience: "commercial", count: 1 },
      { weekStart: "2026-11-23", kind: "discount", audience: "commercial", count: 1 },
    ],
    pressureByDomain: [{ domain: "fabrikam-plants.com", threats: 1, abusive: 1, drafts: 2 }],
    failedChecks: [
      { key: "saysNo", count: 0 },
      { key: "offersAlternative", count: 3 },
    ],
  };

  it("pivots the weeks into kind and audience rows", () => {
    const pivot = pivotWeeks(dashboard.perWeek);
    expect(pivot.weeks).toEqual(["2026-11-16", "2026-11-23"]);
    expect(pivot.rows.map((r) => [r.kind, r.audience, r.counts, r.total])).toEqual([
      ["deadline", "commercial", [0, 1], 1],
      ["deadline", "technical", [1, 0], 1],
      ["discount", "commercial", [2, 1], 3],
    ]);
    expect(pivot.totals).toEqual([3, 2]);
  });

  it("shows the counts, the shares as percentages, failed checks and the domains, with SVG bars", async () => {
    const asked: [string, string][] = [];
    const view = new DashboardView({
      load: async (from, to) => {
        asked.push([from, to]);
        return dashboard;
      },
      onError: () => false,
    });
    document.body.replaceChildren(view.element);
    (view.element.querySelector("[data-testid=dash-from]") as HTMLInputElement).value = "2026-11-16";
    (view.element.querySelector("[data-testid=dash-to]") as HTMLInputElement).value = "2026-11-24";
    await view.load();
    // "to" is inclusive on the page, exclusive in the API.
    expect(asked).toEqual([["2026-11-16", "2026-11-25"]]);
    const text = (id: string) => view.element.querySelector(`[data-testid=${id}]`)!.textContent;
    expect(text("stat-drafts")).toContain("8");
    expect(text("stat-sent")).toContain("4");
    expect(text("stat-unchanged")).toContain("25%");
    expect(text("stat-failed")).toContain("37.5%");
    expect(view.element.querySelector("[data-testid=dash-checks] tr[data-check=offersAlternative]")!.textContent).toContain("3");
    const domain = view.element.querySelector("[data-testid=dash-domains] tr[data-domain='fabrikam-plants.com']")!;
    expect(domain.querySelector("[data-col=threats]")!.textContent).toBe("1");
    expect(domain.querySelector("[data-col=abusive]")!.textContent).toBe("1");
    expect(view.element.querySelectorAll("svg.bar").length).toBeGreaterThan(0);
  });

  it("draws a bar proportional to its value", () => {
    const svg = bar(3, 4, "3 of 4", 100, 10);
    expect(svg.querySelector(".bar-fill")!.getAttribute("width")).toBe("75");
    expect(svg.getAttribute("aria-label")).toBe("3 of 4");
    expect(bar(0, 0, "none").querySelector(".bar-fill")!.getAttribute("width")).toBe("0");
  });
});

describe("how a record came about", () => {
  it("says a reply was saved to Drafts through the mailbox, and who was copied as the witness", () => {
    expect(howOf("inserted", { source: "mailbox", mode: "replyAll", manager: { name: "Morgan Lead", email: "morgan@contoso.com" } }))
      .toBe("Saved to the user's Outlook Drafts as a reply all with Morgan Lead <morgan@contoso.com> (manager) in Cc.");
    expect(howOf("inserted", { source: "mailbox", mode: "reply", manager: null })).toBe("Saved to the user's Outlook Drafts as a reply.");
    expect(howOf("inserted", { mode: "reply" })).toBe("Inserted in Outlook (reply).");
  });

  it("says whether a send was reported on send or confirmed from Sent Items, and how it was matched", () => {
    expect(howOf("sent", { source: "mailbox:mark" })).toContain("found by its mark");
    expect(howOf("sent", { source: "mailbox:conversation" })).toContain("matched by conversation, not by a mark");
    expect(howOf("sent", { mode: "reply" })).toBe("Reported by the on-send handler as the mail was sent.");
    expect(howOf("generated", { source: "mailbox" })).toBeNull();
    expect(howOf("sent", "not an object")).toBeNull();
  });
});

describe("the stance a draft took", () => {
  it("is shown in words, with the suggestion when the account manager took another", () => {
    expect(stanceText("own_part", "own_part")).toBe("Own our part");
    expect(stanceText("refuse", "own_part")).toBe("Say no (suggested: Own our part)");
    expect(stanceText("imposed")).toBe("Answer an imposition");
    expect(stanceText("refuse", "imposed")).not.toMatch(/_/);
  });
});
