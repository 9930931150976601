// The hash chain indicator: a button that calls /verify and a status that reads "intact, N records
// in M ms" or, in red, the first broken record and the problems.
import { el, messageOf, replace } from "./format";
import type { VerifyReport } from "./types";

export type ChainState = "idle" | "checking" | "intact" | "broken" | "error";

/** The report as a headline and the problem lines. */
export function describeReport(report: VerifyReport): { state: "intact" | "broken"; headline: string; problems: string[] } {
  if (report.intact) {
    const range = report.firstSeq !== null && report.lastSeq !== null ? ` (${report.firstSeq}–${report.lastSeq})` : "";
    const purged = report.purgedThroughSeq ? `, purged through ${report.purgedThroughSeq}` : "";
    return {
      state: "intact",
      headline: `Chain intact: ${report.records} record${report.records === 1 ? "" : "s"}${range}${purged}, verified in ${report.elapsedMs} ms`,
      problems: [],
    };
  }
  const first = report.problems[0];
  const headline = first ? `Chain broken at record ${first.seq}` : "Chain broken";
  return { state: "broken", headline, problems: report.problems.map((p) => `Record ${p.seq}: ${p.problem}`) };
}

export class ChainStatus {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly status: HTMLElement;
  private running = false;

  constructor(private readonly verify: () => Promise<VerifyReport>, private readonly onError: (e: unknown) => boolean = () => false) {
    this.button = el("button", { type: "button", className: "small", testid: "verify", onclick: () => void this.run() }, "Verify chain");
    this.status = el("div", { className: "chain-status", testid: "chain-status", role: "status", "aria-live": "polite", "data-state": "idle" }, "Chain not verified yet");
    this.element = el("div", { className: "chain", testid: "chain" }, this.button, this.status);
  }

  get state(): ChainState {
    return (this.status.dataset.state as ChainState) ?? "idle";
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.button.disabled = true;
    this.status.dataset.state = "checking";
    replace(this.status, "Verifying the chain…");
    try {
      this.show(await this.verify());
    } catch (e) {
      if (this.onError(e)) return;
      this.status.dataset.state = "error";
      replace(this.status, `Could not verify: ${messageOf(e)}`);
    } finally {
      this.running = false;
      this.button.disabled = false;
    }
  }

  show(report: VerifyReport): void {
    const { state, headline, problems } = describeReport(report);
    this.status.dataset.state = state;
    const first = report.problems[0];
    if (state === "intact") {
      replace(this.status, el("span", { className: "chain-mark", "aria-hidden": "true" }, "✔"), " ", el("span", { testid: "chain-headline" }, headline));
      return;
    }
    const details = el(
      "details",
      { className: "chain-problems" },
      el("summary", { testid: "chain-problems-toggle" }, `${problems.length} problem${problems.length === 1 ? "" : "s"}`),
      el("ul", { testid: "chain-problems" }, ...problems.map((p, i) => el("li", { "data-seq": String(report.problems[i]?.seq ?? "") }, p))),
    );
    replace(
      this.status,
      el("span", { className: "chain-mark", "aria-hidden": "true" }, "✖"),
      " ",
      el("span", { testid: "chain-headline", "data-seq": first ? String(first.seq) : undefined, title: first?.problem }, headline),
      " ",
      details,
    );
  }
}
