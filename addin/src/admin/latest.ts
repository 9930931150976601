// Debounced "newest wins" runner: the preview after edits. Each trigger restarts the delay; each
// run aborts the one before it; a result (or error) arrives only if its run is still the newest.
import { isAbort } from "./api";

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultTimers: TimerApi = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface LatestOptions<A, T> {
  delayMs: number;
  task: (args: A, signal: AbortSignal) => Promise<T>;
  onStart?: (args: A) => void;
  onResult: (result: T, args: A) => void;
  onError: (error: unknown, args: A) => void;
  timers?: TimerApi;
}

export class LatestRunner<A, T> {
  private timer: unknown = null;
  private controller: AbortController | null = null;
  private sequence = 0;
  private readonly timers: TimerApi;

  constructor(private readonly options: LatestOptions<A, T>) {
    this.timers = options.timers ?? defaultTimers;
  }

  /** Runs after the delay, unless triggered again before. */
  trigger(args: A): void {
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.run(args);
    }, this.options.delayMs);
  }

  /** Runs now (cancelling a pending trigger). Resolves when this run has finished or was replaced. */
  run(args: A): Promise<void> {
    this.clearTimer();
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const mine = ++this.sequence;
    this.options.onStart?.(args);
    return this.options.task(args, controller.signal).then(
      (result) => {
        if (mine !== this.sequence || controller.signal.aborted) return;
        this.controller = null;
        this.options.onResult(result, args);
      },
      (error: unknown) => {
        if (mine !== this.sequence || controller.signal.aborted || isAbort(error)) return;
        this.controller = null;
        this.options.onError(error, args);
      },
    );
  }

  /** Drops a pending trigger and ignores the run in flight. */
  cancel(): void {
    this.clearTimer();
    this.controller?.abort();
    this.controller = null;
    this.sequence++;
  }

  get pending(): boolean {
    return this.timer !== null || this.controller !== null;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
