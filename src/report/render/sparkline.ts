const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * A series as a one-line bar chart of Unicode blocks, scaled to `max` and averaged down to at most
 * `width` characters: occupancy over time in places that only take text (Markdown, a terminal).
 *
 * @example
 * sparkline([0, 5, 10], 10); // → '▁▅█'
 */
export function sparkline(values: readonly number[], max: number, width = 60): string {
  if (values.length === 0) return '';
  const per = Math.ceil(values.length / width);
  let line = '';
  for (let start = 0; start < values.length; start += per) {
    const slice = values.slice(start, start + per);
    const mean = slice.reduce((sum, value) => sum + value, 0) / slice.length;
    const level = max <= 0 ? 0 : Math.round((Math.min(mean, max) / max) * (BLOCKS.length - 1));
    line += BLOCKS[level];
  }
  return line;
}
