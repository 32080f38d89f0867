/**
 * Durations written for people: `500 ms`, `30 s`, `1.5 s`, `2 min`, `1 h 30 min`.
 *
 * @example
 * formatDuration(30_000); // → '30 s'
 * formatDuration(1_500); // → '1.5 s'
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${trim(ms / 1000)} s`;
  if (ms < 3_600_000) {
    const minutes = Math.floor(ms / 60_000);
    const rest = ms - minutes * 60_000;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${trim(rest / 1000)} s`;
  }
  const hours = Math.floor(ms / 3_600_000);
  const rest = ms - hours * 3_600_000;
  return rest === 0 ? `${hours} h` : `${hours} h ${formatDuration(rest)}`;
}

/** Up to three decimals, no trailing zeros. */
function trim(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
