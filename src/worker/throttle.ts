/**
 * Progress from a fast loop, passed on at most once per `intervalMs` (and always when `isFinal`
 * says the work is done), so that a worker does not flood the page with messages. The first call
 * always goes through. `now` is a clock in milliseconds (a test passes its own).
 */
export function throttle<Args extends unknown[]>(
  intervalMs: number,
  isFinal: (...args: Args) => boolean,
  send: (...args: Args) => void,
  now: () => number = () => performance.now(),
): (...args: Args) => void {
  let last = -Infinity;
  return (...args) => {
    const time = now();
    if (time - last < intervalMs && !isFinal(...args)) return;
    last = time;
    send(...args);
  };
}

/** Progress as `done` of `total`: done when they meet. */
export const countDone = (done: number, total: number): boolean => done >= total;
