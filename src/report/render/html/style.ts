import { FAMILY_COLORS, FAMILY_TINTS } from './palette.js';

/** The page's whole stylesheet, inline: system fonts, no web font, no image, nothing fetched. */
export const REPORT_CSS = `
:root { --ink: #1a202c; --muted: #5a6577; --line: #e2e8f0; --paper: #ffffff; --wash: #f6f8fb;
  --answered: ${FAMILY_COLORS.ANSWERED}; --absent: ${FAMILY_COLORS.ABSENT}; --error: ${FAMILY_COLORS.ERROR};
  --answered-tint: ${FAMILY_TINTS.ANSWERED}; --absent-tint: ${FAMILY_TINTS.ABSENT}; --error-tint: ${FAMILY_TINTS.ERROR}; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 48px; }
header h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
header p { margin: 0; color: var(--muted); }
h2 { font-size: 18px; margin: 0 0 12px; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; margin-top: 18px; }
.banner { margin-top: 18px; padding: 14px 18px; border-radius: 10px; background: var(--absent-tint);
  border: 2px solid var(--absent); color: #5c3d0a; font-weight: 600; }
.banner strong { letter-spacing: 0.08em; margin-right: 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; background: none; border: 0; padding: 0; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; border-top: 4px solid #a0aec0; }
.card .value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 13px; }
.card.answered { border-top-color: var(--answered); } .card.absent { border-top-color: var(--absent); } .card.error { border-top-color: var(--error); }
.split { display: grid; grid-template-columns: 260px 1fr; gap: 24px; align-items: start; }
.split .donut { margin-top: 24px; }
@media (max-width: 720px) { .split { grid-template-columns: 1fr; } }
.donut { width: 240px; height: 240px; }
.donut-total { font-size: 28px; font-weight: 650; text-anchor: middle; fill: var(--ink); }
.donut-caption { font-size: 13px; text-anchor: middle; fill: var(--muted); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr.status td { font-weight: 650; }
tr.sub td:first-child { padding-left: 28px; }
tr.code td:first-child { padding-left: 48px; color: var(--muted); }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: 0; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 3px; margin-right: 8px; vertical-align: baseline; }
.bar { position: relative; height: 8px; background: var(--wash); border-radius: 4px; min-width: 80px; }
.bar span { position: absolute; inset: 0 auto 0 0; border-radius: 4px; }
.diagram-toggle { position: absolute; opacity: 0; width: 1px; height: 1px; }
.diagram-controls label { display: inline-block; cursor: pointer; color: #1d4ed8; font-size: 13px; font-weight: 600; user-select: none;
  border: 1px solid #bfdbfe; background: #eff6ff; border-radius: 6px; padding: 4px 10px; }
.diagram-controls label:hover { background: #dbeafe; }
.diagram-toggle:focus-visible + .diagram-controls label { outline: 2px solid #1d4ed8; outline-offset: 2px; }
/* Fitted to the page by default, so the whole machine is seen at first sight (the compact layout
   keeps labels about 7-8 px there); the checkbox shows it at Graphviz's own size in a scroll box,
   for reading the small print. No script either way. */
.diagram-scroll { border: 1px solid var(--line); border-radius: 8px; background: #fff; margin-top: 10px; }
.diagram-scroll svg.lifecycle { display: block; width: 100%; max-width: var(--natural-width); height: auto; margin: 0 auto; }
.diagram-toggle:checked ~ .diagram-scroll { overflow: auto; max-height: 80vh; }
.diagram-toggle:checked ~ .diagram-scroll svg.lifecycle { width: var(--natural-width); max-width: none; }
.diagram-toggle:checked ~ .diagram-controls .reading, .diagram-toggle:not(:checked) ~ .diagram-controls .whole { display: none; }
.occupancy { width: 100%; height: auto; }
.occupancy .grid { stroke: var(--line); } .occupancy .axis { font-size: 11px; fill: var(--muted); }
.occupancy .area { fill: #bfdbfe; stroke: none; } .occupancy .peak { fill: none; stroke: #1d4ed8; stroke-width: 1.2; }
.occupancy .ceiling { stroke: var(--error); stroke-dasharray: 5 4; stroke-width: 1.2; }
.legend { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
.legend i { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin: 0 6px 0 14px; }
.muted { color: var(--muted); }
details summary { cursor: pointer; font-weight: 600; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { color: var(--muted); font-size: 13px; margin-top: 22px; text-align: center; }
`;
