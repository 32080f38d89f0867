/**
 * What a load balancer in front of several `serve` processes does, in the client: requests go
 * round-robin to the targets; a target that failed (refused, reset, timed out, 5xx) is skipped for
 * a while (as a health check would) and the request goes to the next one. A request is done only
 * once some target answered 2xx: that is an acknowledged callback.
 */
export class Balancer {
  #next = 0;
  readonly #downUntil: number[];
  attempts = 0;
  failures = 0;

  constructor(
    private readonly targets: readonly string[],
    private readonly timeoutMs: number,
    private readonly downMs: number,
  ) {
    this.#downUntil = targets.map(() => 0);
  }

  /** POSTs `body` to `path` until a target answers 2xx; returns the status and the target's index. */
  async post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; target: number }> {
    for (;;) {
      const target = this.#pick();
      this.attempts++;
      try {
        const response = await fetch(`${this.targets[target]}${path}`, {
          method: 'POST',
          body,
          headers,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        await response.arrayBuffer();
        if (response.status < 500) return { status: response.status, target };
      } catch {
        // refused, reset or timed out: try another target
      }
      this.failures++;
      this.#downUntil[target] = Date.now() + this.downMs;
    }
  }

  #pick(): number {
    const now = Date.now();
    for (let tries = 0; tries < this.targets.length; tries++) {
      const target = this.#next++ % this.targets.length;
      if ((this.#downUntil[target] ?? 0) <= now) return target;
    }
    return this.#next++ % this.targets.length; // every target down: try anyway
  }
}
