/**
 * The colours every format shares, so the Mermaid, DOT and SVG pictures read the same: a terminal
 * state's fill says its status family (ANSWERED green, ABSENT amber, ERROR red), a trace is blue.
 */
export interface Swatch {
  readonly fill: string;
  readonly stroke: string;
  readonly text: string;
}

/** Terminal states by `meta.outcome.status`; other finals use `final`. */
export const STATUS_SWATCHES: Readonly<Record<string, Swatch>> = {
  ANSWERED: { fill: '#dcf2dc', stroke: '#2e7d32', text: '#1b4d1e' },
  ABSENT: { fill: '#fff1cc', stroke: '#b7791f', text: '#5c3d0a' },
  ERROR: { fill: '#fde0de', stroke: '#c62828', text: '#6b1212' },
};

export const FINAL_SWATCH: Swatch = { fill: '#ececec', stroke: '#555555', text: '#222222' };
export const STATE_SWATCH: Swatch = { fill: '#ffffff', stroke: '#4a5568', text: '#1a202c' };
export const CLUSTER_SWATCH: Swatch = { fill: '#f5f8fc', stroke: '#a0aec0', text: '#2d3748' };
export const NOTE_SWATCH: Swatch = { fill: '#fffde7', stroke: '#b8a94a', text: '#4a4420' };
export const VISITED_SWATCH: Swatch = { fill: '#dbeafe', stroke: '#1d4ed8', text: '#0b2a6f' };
export const FADED_SWATCH: Swatch = { fill: '#fafafa', stroke: '#cbd5e0', text: '#a0aec0' };

/** Arrow colours by transition kind; a traced arrow is `TRACE_COLOR`. */
export const EDGE_COLORS = {
  event: '#2d3748',
  always: '#718096',
  after: '#6b46c1',
  done: '#2c7a7b',
  error: '#c53030',
  snapshot: '#2b6cb0',
} as const;

export const TRACE_COLOR = '#1d4ed8';
export const FADED_COLOR = '#cbd5e0';

/** The status family of a status, for class names: `answered`, `absent`, `error`, or `final`. */
export function statusClass(status: string | null): string {
  return status !== null && status in STATUS_SWATCHES ? status.toLowerCase() : 'final';
}
