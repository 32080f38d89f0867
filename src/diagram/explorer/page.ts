import { xmlText } from '../escape.js';
import type { ExplorerData } from './data.js';

/**
 * Nothing leaves the page: no request of any kind (a Content-Security-Policy forbids them), only
 * the inline style and the inline script the page carries.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { --ink: #1a202c; --muted: #5a6577; --line: #e2e8f0; --accent: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f6f8fb; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
header { padding: 12px 18px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { margin: 0; font-size: 18px; }
header p { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 12px; padding: 12px; }
#viewport { position: relative; overflow: hidden; height: calc(100vh - 150px); min-height: 420px; background: #fff;
  border: 1px solid var(--line); border-radius: 8px; cursor: grab; touch-action: none; }
#picture { transform-origin: 0 0; position: absolute; left: 0; top: 0; }
#picture svg { display: block; }
.zoom { position: absolute; right: 8px; top: 8px; display: flex; gap: 4px; z-index: 1; }
button { font: inherit; border: 1px solid #bfdbfe; background: #eff6ff; color: var(--accent); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button:hover { background: #dbeafe; }
aside { display: flex; flex-direction: column; gap: 10px; }
aside section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
aside h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 0 0 6px; }
#live-state { font-size: 12px; color: var(--muted); margin-bottom: 6px; }
#events { display: flex; flex-wrap: wrap; gap: 6px; }
#state { font-weight: 600; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
#log { margin: 0; padding-left: 18px; max-height: 180px; overflow: auto; font-size: 12px; }
#selection div { font-size: 12px; }
.below { padding: 0 12px 16px; }
.below h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 0 0 6px; }
.below section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin-bottom: 12px; overflow-x: auto; }
#timeline { width: 100%; }
#step { font-size: 13px; color: var(--muted); }
g.node, g.cluster { cursor: pointer; }
g.node.cl-active > g > a > path, g.node.cl-active > g > a > polygon, g.node.cl-active > path, g.node.cl-active > polygon { fill: #dbeafe; stroke: #1d4ed8; stroke-width: 2.5; }
g.cluster.cl-active > g > a > path, g.cluster.cl-active > g > a > polygon, g.cluster.cl-active > path, g.cluster.cl-active > polygon { fill: #f0f6ff; stroke: #1d4ed8; stroke-width: 2; }
g.cl-selected > g > a > path, g.cl-selected > g > a > polygon, g.cl-selected > path, g.cl-selected > polygon { stroke: #d97706; stroke-width: 3.5; }
g.edge.cl-out path, g.edge.cl-out polygon { stroke: #d97706; stroke-width: 2.5; }
g.edge.cl-out text { fill: #b45309; font-weight: 700; }
g.edge.cl-in path, g.edge.cl-in polygon { stroke: #7c3aed; stroke-width: 2.5; }
g.edge.cl-in text { fill: #6d28d9; font-weight: 700; }
g.edge.cl-taken path, g.edge.cl-taken polygon { stroke: #1d4ed8; stroke-width: 3; }
g.edge.cl-taken text { fill: #1d4ed8; font-weight: 700; }
svg.ladder g.message.current rect, svg.ladder g.message.current line { stroke-width: 2.5; }
svg.ladder g.message.current text { font-weight: 700; }
.legend { color: var(--muted); font-size: 12px; }
.legend b { display: inline-block; width: 14px; height: 4px; vertical-align: middle; margin: 0 4px 0 10px; }
`;

/** JSON inside a `<script>` element: `<` written as `\u003c` so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The page's options: its data, the machine's SVG, the bundled script, and a recorded call's ladder. */
export interface ExplorerPageParts {
  readonly data: ExplorerData;
  /** The machine's SVG as Graphviz laid it out (prolog dropped), with its natural size in px. */
  readonly svg: { readonly markup: string; readonly width: number; readonly height: number };
  /** The bundled script (xstate, the machine and the explorer), or null for a page with no live actor. */
  readonly script: string | null;
  readonly ladderSvg?: string | undefined;
}

/**
 * The explorer as one self-contained HTML page: inline CSS, SVG, data and script; no network, no
 * CDN, no font. `diagram --format html` writes it.
 *
 * @example
 * const html = explorerPage({ data, svg, script });
 */
export function explorerPage(parts: ExplorerPageParts): string {
  const { data } = parts;
  const timeline =
    data.trace.length === 0
      ? ''
      : `<section><h2>Recorded call</h2><input type="range" id="timeline" min="0" max="${data.trace.length - 1}" value="${data.trace.length - 1}" aria-label="Step of the recorded call"><div id="step"></div></section>`;
  const ladder = parts.ladderSvg === undefined ? '' : `<section><h2>Ladder</h2>${parts.ladderSvg}</section>`;
  const live = data.live
    ? `<section><h2>Current state</h2><div id="state"></div></section>
<section><h2>Send an event</h2><div id="live-state"></div><div id="events"></div><p><button id="reset" type="button">Restart</button></p></section>
<section><h2>Steps</h2><ol id="log"></ol></section>`
    : `<section><h2>State</h2><div id="state"></div></section>`;
  // A script must not hold `</script`: the bundle is written with that sequence escaped.
  const script = parts.script === null ? '' : `<script>${parts.script.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xmlText(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${xmlText(data.title)}</h1><p>Drag to pan, wheel to zoom; click a state to see what enters it and what leaves it.<span class="legend"><b style="background:#d97706"></b>leaves<b style="background:#7c3aed"></b>enters<b style="background:#1d4ed8"></b>active / taken</span></p></header>
<main>
<div id="viewport"><div class="zoom"><button id="zoom-in" type="button" aria-label="Zoom in">+</button><button id="zoom-out" type="button" aria-label="Zoom out">−</button><button id="zoom-fit" type="button">Fit</button></div>
<div id="picture" data-width="${parts.svg.width}" data-height="${parts.svg.height}">${parts.svg.markup}</div></div>
<aside>
${live}
<section><h2>Selected state</h2><div id="selection"><em>Click a state.</em></div></section>
</aside>
</main>
<div class="below">
${timeline}
${ladder}
</div>
<script type="application/json" id="explorer-data">${scriptJson(data)}</script>
${script}
</body>
</html>
`;
}
