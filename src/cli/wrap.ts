/** Wraps a list into lines of at most `width` characters for help texts, e.g. the event names. */
export function wrapList(items: readonly string[], width = 96, indent = '  '): string {
  const lines: string[] = [];
  let line = indent;
  for (const [index, item] of items.entries()) {
    const word = index < items.length - 1 ? `${item},` : item;
    if (line.length + word.length + 1 > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${word} `;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}
