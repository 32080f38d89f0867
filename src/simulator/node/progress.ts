// Node-only: the progress bar `simulate` draws on stderr when stderr is a terminal.

const WIDTH = 30;
const EVERY_MS = 100;

/**
 * A one-line progress bar, redrawn at most every 100 ms, erased by `done`. Silent when `enabled`
 * is false (stderr is a file or a pipe), so logs never fill with carriage returns.
 *
 * @example
 * const progress = new ProgressBar(io.stderr, io.stderrIsTTY, 1_000_000);
 * progress.update(250_000); // "  simulating [#######.......................]  25%  250,000 / 1,000,000 calls"
 */
export class ProgressBar {
  private drawnAt = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly enabled: boolean,
    private readonly total: number,
  ) {}

  update(done: number): void {
    if (!this.enabled || this.total === 0) return;
    const now = Date.now();
    if (now - this.drawnAt < EVERY_MS && done < this.total) return;
    this.drawnAt = now;
    const share = done / this.total;
    const filled = Math.round(share * WIDTH);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
    this.write(
      `\r  simulating [${bar}] ${String(Math.floor(share * 100)).padStart(3)}%  ${done.toLocaleString('en-US')} / ${this.total.toLocaleString('en-US')} calls`,
    );
  }

  done(): void {
    if (this.enabled) this.write('\r\x1b[2K');
  }
}
