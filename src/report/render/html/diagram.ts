import { callMachineGraph } from '../../../diagram/call-machine.js';
import { toSvg } from '../../../diagram/svg.js';
import type { CampaignReport } from '../../types.js';

/** The lifecycle diagram ready to sit inside an HTML page, with its natural width in CSS px. */
export interface InlineDiagram {
  readonly svg: string;
  readonly widthPx: number;
}

/**
 * The call machine's diagram (src/diagram, laid out by the WebAssembly Graphviz, offline) with
 * every edge annotated `×N` and drawn thicker the more calls took it. The XML prolog, doctype and
 * comments are dropped and the fixed size is replaced by a class, so the page's CSS sizes it.
 */
export async function inlineDiagram(report: CampaignReport): Promise<InlineDiagram> {
  const edgeCounts = new Map(report.transitions.map((transition) => [transition.id, transition.calls]));
  // Compact (labels beside their arrows, states closer) and without title or legend, which the
  // page writes itself: about half the width of the default layout, so it fits the page.
  const raw = await toSvg(callMachineGraph(), { edgeCounts, compact: true, legend: false, title: '' });
  const start = raw.indexOf('<svg');
  if (start < 0) throw new Error('bug: Graphviz returned no <svg> element');
  const svg = raw
    .slice(start)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(
      /^<svg width="([\d.]+)pt" height="([\d.]+)pt"/,
      '<svg class="lifecycle" role="img" aria-label="Lifecycle of a call with the number of calls on each transition"',
    );
  const viewBox = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) [\d.]+"/.exec(svg);
  // Graphviz sizes in points; 1 pt = 4/3 CSS px.
  const widthPx = viewBox === null ? 1200 : Math.round((Number(viewBox[1]) * 4) / 3);
  return { svg: svg.trimEnd(), widthPx };
}
