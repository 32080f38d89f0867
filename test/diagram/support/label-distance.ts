/**
 * How far each edge label of a Graphviz SVG sits from its own arrow: the gap between the box of the
 * label's nearest text line (its width estimated from the font size) and the nearest point of the
 * arrow's path (its Bézier control points, which the curve stays close to). A label that floats
 * far from a short arrow reads as another arrow's.
 */
export function labelGaps(svg: string): { id: string; gap: number }[] {
  const out: { id: string; gap: number }[] = [];
  // An edge's group holds nested groups (its tooltip links): it ends where the next element's group starts.
  const groups = svg.matchAll(
    /<g id="(e\d+)" class="edge">([\s\S]*?)(?=<g id="[^"]*" class="(?:edge|node|cluster)"|<\/svg>)/g,
  );
  for (const match of groups) {
    const body = match[2] ?? '';
    const path = /<path[^>]* d="([^"]+)"/.exec(body)?.[1];
    if (path === undefined) continue;
    const numbers = [...path.matchAll(/-?\d+(?:\.\d+)?/g)].map((number) => Number(number[0]));
    const controls: [number, number][] = [];
    for (let index = 0; index + 1 < numbers.length; index += 2)
      controls.push([numbers[index] ?? 0, numbers[index + 1] ?? 0]);
    const points = sampleBezier(controls);
    const boxes = [
      ...body.matchAll(
        /<text[^>]* text-anchor="(\w+)" x="(-?[\d.]+)" y="(-?[\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>([^<]*)</g,
      ),
    ].map(([, anchor, x, y, size, text]) => {
      const width = (text ?? '').length * Number(size) * 0.55;
      const left = anchor === 'middle' ? Number(x) - width / 2 : anchor === 'end' ? Number(x) - width : Number(x);
      return { left, right: left + width, top: Number(y) - Number(size), bottom: Number(y) };
    });
    if (boxes.length === 0 || points.length < 2) continue;
    let gap = Number.POSITIVE_INFINITY;
    for (const box of boxes)
      for (const [px, py] of points) {
        const dx = Math.max(box.left - px, 0, px - box.right);
        const dy = Math.max(box.top - py, 0, py - box.bottom);
        gap = Math.min(gap, Math.hypot(dx, dy));
      }
    out.push({ id: match[1] ?? '', gap });
  }
  return out;
}

/** Points along Graphviz's `M p0 C p1 p2 p3 p4 p5 p6 …` path: 12 per cubic segment. */
function sampleBezier(controls: readonly [number, number][]): [number, number][] {
  const points: [number, number][] = [];
  for (let start = 0; start + 3 < controls.length; start += 3) {
    const [a, b, c, d] = controls.slice(start, start + 4) as [
      [number, number],
      [number, number],
      [number, number],
      [number, number],
    ];
    for (let step = 0; step <= 12; step += 1) {
      const t = step / 12;
      const u = 1 - t;
      const weights = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
      const at = (axis: 0 | 1): number =>
        (weights[0] ?? 0) * a[axis] +
        (weights[1] ?? 0) * b[axis] +
        (weights[2] ?? 0) * c[axis] +
        (weights[3] ?? 0) * d[axis];
      points.push([at(0), at(1)]);
    }
  }
  return points.length > 0 ? points : [...controls];
}
