/**
 * Wraps `fn` so that only its first call runs; later calls do nothing. Returns whether this call ran.
 * The on-send handler completes its event through this: Outlook expects `event.completed` exactly once,
 * and the timeout and the API answer race to call it.
 */
export function once<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => boolean {
  let done = false;
  return (...args: A) => {
    if (done) return false;
    done = true;
    fn(...args);
    return true;
  };
}
