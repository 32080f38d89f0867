// Node-only: Ctrl-C, SIGTERM and SIGHUP stop a long command cleanly; a second one stops it at once.

/** The signals that stop a campaign, with the exit code a shell reports for each (128 + number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/**
 * Listens for the stop signals while `work` runs: the first aborts `controller` (the command
 * writes what it has and exits with the signal's code), a second one exits at once. A service
 * manager's SIGTERM and a closed terminal's SIGHUP so leave the same partial results as Ctrl-C.
 *
 * @example
 * const stop = listenForStop(controller);
 * try { await work(controller.signal); } finally { stop.dispose(); }
 * if (stop.received !== null) return STOP_SIGNALS[stop.received];
 */
export function listenForStop(controller: AbortController): { readonly received: StopSignal | null; dispose(): void } {
  let received: StopSignal | null = null;
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((signal) => {
    const handler = () => {
      if (received !== null) process.exit(STOP_SIGNALS[received]);
      received = signal;
      controller.abort();
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    get received() {
      return received;
    },
    dispose() {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}
