import { XMLParser } from 'fast-xml-parser';

/** Every `<text>` line of an SVG, entities decoded: what a person sees in the picture. */
export function svgTexts(svg: string): string[] {
  const texts: string[] = [];
  const parser = new XMLParser({
    ignoreAttributes: true,
    processEntities: true,
    htmlEntities: true,
    trimValues: false,
    isArray: () => true,
  });
  const walk = (value: unknown, inText: boolean): void => {
    if (typeof value === 'string' || typeof value === 'number') {
      // Graphviz writes runs of spaces as no-break spaces so that SVG keeps them.
      if (inText) texts.push(String(value).replace(/\u00a0/g, ' '));
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, inText);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, key === 'text' || (inText && key === '#text'));
    }
  };
  walk(parser.parse(svg.replace(/<!DOCTYPE[^>]*>/, '')), false);
  return texts;
}

/** The `<title>` of every node group of a Graphviz SVG (the DOT node name), entities decoded. */
export function svgNodeTitles(svg: string): string[] {
  const decode = (text: string): string =>
    text
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...svg.matchAll(/<g id="[^"]*" class="node"[^>]*>\s*<title>([^<]*)<\/title>/g)].map((match) =>
    decode(match[1] ?? ''),
  );
}
