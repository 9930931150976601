import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AdminApi } from "../src/admin/api";
import { LatestRunner } from "../src/admin/latest";
import { buildPreviewRequest, noteLines, PreviewPanel, type PreviewSource } from "../src/admin/preview-panel";
import type { PreviewRequest, PreviewResponse } from "../src/admin/types";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("LatestRunner (debounce, newest wins)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once, 300 ms after the last of several quick triggers, with the last arguments", async () => {
    const task = vi.fn(async (n: number) => n * 10);
    const onResult = vi.fn();
    const runner = new LatestRunner({ delayMs: 300, task, onResult, onError: vi.fn() });
    runner.trigger(1);
    await vi.advanceTimersByTimeAsync(200);
    runner.trigger(2);
    await vi.advanceTimersByTimeAsync(200);
    runner.trigger(3);
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(task).toHaveBeenCalledTimes(1);
    expect(task.mock.calls[0]![0]).toBe(3);
    expect(onResult).toHaveBeenCalledWith(30, 3);
  });

  it("aborts the run in flight and ignores its late answer", async () => {
    const answers = [deferred<string>(), deferred<string>()];
    const signals: AbortSignal[] = [];
    let call = 0;
    const onResult = vi.fn();
    const runner = new LatestRunner<string, string>({
      delayMs: 300,
      task: (_args, signal) => {
        signals.push(signal);
        return answers[call++]!.promise;
      },
      onResult,
      onError: vi.fn(),
    });
    const first = runner.run("old");
    const second = runner.run("new");
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[1]!.aborted).toBe(false);
    answers[1]!.resolve("new answer");
    await second;
    answers[0]!.resolve("stale answer"); // arrives last: must not win
    await first;
    expect(onResult).toHaveBeenCalledTimes(1);
    expect(onResult).toHaveBeenCalledWith("new answer", "new");
  });

  it("reports errors of the newest run only, and never an abort", async () => {
    const onError = vi.fn();
    const runner = new LatestRunner<number, string>({
      delayMs: 0,
      task: (n, signal) =>
        new Promise((_resolve, reject) => {
          if (n === 2) reject(new Error("boom"));
          signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
      onResult: vi.fn(),
      onError,
    });
    const first = runner.run(1);
    const second = runner.run(2);
    await Promise.all([first, second]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as Error).message).toBe("boom");
  });

  it("cancel drops a pending trigger", async () => {
    const task = vi.fn(async () => "x");
    const runner = new LatestRunner({ delayMs: 300, task, onResult: vi.fn(), onError: vi.fn() });
    runner.trigger(undefined);
    runner.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).not.toHaveBeenCalled();
  });
});

describe("preview request", () => {
  it("sends the kind, the unsaved changes and the example index", () => {
    const request = buildPreviewRequest("discount", [{ path: "discount/commercial.scriban", content: "x" }], { type: "example", index: 2 });
    expect(request).toEqual({
      kind: "discount",
      audiences: ["commercial", "technical", "finance"],
      changes: [{ path: "discount/commercial.scriban", content: "x" }],
      example: 2,
    });
  });

  it("sends a pasted email instead of an example, and no changes when there are none", () => {
    const email = { subject: "Renewal", body: "15% off please", from: { name: "Priya", email: "p@example.com" } };
    expect(buildPreviewRequest("discount", [], { type: "email", email })).toEqual({ kind: "discount", audiences: ["commercial", "technical", "finance"], email });
  });

  it("reads check notes given as a list or per check", () => {
    expect(noteLines(["No figure."])).toEqual(["No figure."]);
    expect(noteLines({ citesData: "No figure.", saysNo: "" })).toEqual(["Cites data: No figure."]);
    expect(noteLines(null)).toEqual([]);
  });
});

const previewResponse = (text: string): PreviewResponse => ({
  kind: "discount",
  email: { subject: "Discount", body: "..." },
  problems: [],
  previews: ["commercial", "technical", "finance"].map((audience) => ({
    audience,
    text: `${audience}: ${text}`,
    html: "<p>ignored</p>",
    checks: { saysNo: true, givesReason: true, citesData: audience !== "technical", offersAlternative: true, respectful: true },
    checkNotes: audience === "technical" ? ["The reply cites no figure."] : [],
    problems: [],
  })),
});

describe("PreviewPanel", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const pending: { request: PreviewRequest; answer: ReturnType<typeof deferred<Response>> }[] = [];
    const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url).includes("/api/templates/documents/discount/kind.json")) {
        return new Response(JSON.stringify({ id: 1, path: "discount/kind.json", version: 1, content: JSON.stringify({ examples: ["Could you reduce the price by 15% on the renewal?", "Match the competitor"] }) }), {
          status: 200,
          headers: { "Content-Type": "application/json", ETag: '"1"' },
        });
      }
      const answer = deferred<Response>();
      pending.push({ request: JSON.parse(init!.body as string) as PreviewRequest, answer });
      return answer.promise;
    });
    const api = new AdminApi({ baseUrl: "http://x", getToken: async () => "t", fetch: fetchMock as typeof fetch });
    let source: PreviewSource = { fixedKind: "discount", changes: [], path: "discount/commercial.scriban" };
    const panel = new PreviewPanel({ api, source: () => source, onGoTo: vi.fn(), onOpen: vi.fn(), onError: () => false });
    panel.setKinds([{ id: "discount", title: "Discount", refusable: true, examples: 2, definition: { path: "discount/kind.json", version: 1 }, templates: [] }]);
    document.body.replaceChildren(panel.root);
    return { panel, pending, fetchMock, setSource: (s: PreviewSource) => (source = s) };
  }

  const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

  it("debounces edits and shows only the newest answer, as text", async () => {
    const { panel, pending, setSource } = setup();
    setSource({ fixedKind: "discount", changes: [{ path: "discount/commercial.scriban", content: "v1" }], path: "discount/commercial.scriban" });
    panel.schedule();
    await vi.advanceTimersByTimeAsync(100);
    setSource({ fixedKind: "discount", changes: [{ path: "discount/commercial.scriban", content: "v2" }], path: "discount/commercial.scriban" });
    panel.schedule();
    await vi.advanceTimersByTimeAsync(299);
    expect(pending).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.request.changes).toEqual([{ path: "discount/commercial.scriban", content: "v2" }]);

    // Another edit while the first is in flight; the first answers last.
    setSource({ fixedKind: "discount", changes: [{ path: "discount/commercial.scriban", content: "v3" }], path: "discount/commercial.scriban" });
    panel.refreshNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(pending).toHaveLength(2);
    pending[1]!.answer.resolve(ok(previewResponse("<script>alert(1)</script> third")));
    await vi.runAllTimersAsync();
    pending[0]!.answer.resolve(ok(previewResponse("second (stale)")));
    await vi.runAllTimersAsync();

    const text = document.querySelector('[data-testid="preview-text-commercial"]')!;
    expect(text.textContent).toBe("commercial: <script>alert(1)</script> third");
    expect(document.querySelector("script")).toBeNull();
    const technical = document.querySelector('[data-testid="preview-technical"]')!;
    expect(technical.querySelector('[data-testid="check-citesData"]')!.getAttribute("data-state")).toBe("fail");
    expect(technical.querySelector('[data-testid="check-saysNo"]')!.getAttribute("data-state")).toBe("pass");
    expect(technical.textContent).toContain("The reply cites no figure.");
  });

  it("lists the kind's examples by their first words and previews the one chosen", async () => {
    const { panel, pending } = setup();
    await panel.update();
    await vi.advanceTimersByTimeAsync(0);
    const select = document.querySelector<HTMLSelectElement>('[data-testid="sample-select"]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "Example 1: Could you reduce the price by 15% on…",
      "Example 2: Match the competitor",
      "Paste an email",
    ]);
    expect(pending.at(-1)!.request.example).toBe(0);
    select.value = "1";
    select.dispatchEvent(new Event("change"));
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.at(-1)!.request.example).toBe(1);
    expect(pending.at(-1)!.request.changes).toBeUndefined();
  });

  it("does not preview a kind that is not refusable", async () => {
    const { panel, pending, setSource } = setup();
    panel.setKinds([{ id: "other", title: "Other", refusable: false, examples: 3, definition: { path: "other/kind.json", version: 1 }, templates: [] }]);
    setSource({ fixedKind: "other", changes: [], path: "other/kind.json" });
    panel.refreshNow();
    expect(pending).toHaveLength(0);
    expect(document.querySelector('[data-testid="preview-status"]')!.textContent).toMatch(/not refusable/);
  });
});
