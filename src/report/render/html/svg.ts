/** Small helpers to write SVG by hand: numbers rounded to 0.01 so the output is stable and short. */

export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A point on a circle, angle in turns from 12 o'clock clockwise. */
function polar(cx: number, cy: number, radius: number, turns: number): string {
  const angle = turns * 2 * Math.PI;
  return `${num(cx + radius * Math.sin(angle))},${num(cy - radius * Math.cos(angle))}`;
}

/**
 * The path of a ring segment from `start` to `end` (in turns, 0–1) between two radii. A whole ring
 * is drawn as two halves, since one SVG arc cannot start and end at the same point.
 */
export function ringSegment(cx: number, cy: number, inner: number, outer: number, start: number, end: number): string {
  if (end - start >= 1 - 1e-9) {
    return `${ringSegment(cx, cy, inner, outer, 0, 0.5)} ${ringSegment(cx, cy, inner, outer, 0.5, 1)}`;
  }
  const large = end - start > 0.5 ? 1 : 0;
  return [
    `M${polar(cx, cy, outer, start)}`,
    `A${num(outer)},${num(outer)} 0 ${large} 1 ${polar(cx, cy, outer, end)}`,
    `L${polar(cx, cy, inner, end)}`,
    `A${num(inner)},${num(inner)} 0 ${large} 0 ${polar(cx, cy, inner, start)}`,
    'Z',
  ].join(' ');
}
