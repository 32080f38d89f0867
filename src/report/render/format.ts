/**
 * Number formats shared by the text, Markdown and HTML renderers. Written by hand rather than with
 * `Intl`, so the output is the same byte for byte whatever the locale and ICU data of the machine.
 */

/** A whole number with thin-space-free grouping by commas: `1234567` → `1,234,567`. */
export function formatCount(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A rate as a percentage with one decimal: `0.5432` → `54.3 %`. */
export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

/** A duration for people: `850 ms`, `12.3 s`, `2 min 05 s`, `1 h 02 min`; `–` for none. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
  return `${Math.floor(minutes / 1440)} d ${pad(Math.floor(minutes / 60) % 24)} h`;
}

/** Busy channels, one decimal: `27.43` → `27.4`. */
export function formatChannels(value: number): string {
  return value.toFixed(1);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
