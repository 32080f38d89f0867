/**
 * The clock `LiveCalls` runs on: the time, and one timer at a time. The default is the host's own
 * (`Date.now`, `setTimeout`, `clearTimeout`); tests pass a fake one to run on fake time.
 *
 * `now()` must count milliseconds on a clock that survives a restart when calls are saved and
 * restored in another process (epoch time, as `Date.now()`): restored calls find their deadlines
 * on it, and the ones that passed while nothing ran fire at once.
 */
export interface HostClock {
  now(): number;
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's clock: `Date.now()` and the global timers (browsers and Node alike). */
export const systemClock: HostClock = {
  now: () => Date.now(),
  setTimeout: (fire, ms) => globalThis.setTimeout(fire, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
