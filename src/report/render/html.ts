import type { CampaignReport } from '../types.js';
import { inlineDiagram } from './html/diagram.js';
import { renderHtmlPage } from './html/page.js';

/**
 * The report as a self-contained HTML page: the lifecycle diagram with every transition's call
 * count, a donut of outcomes, the totals, duration percentiles and channel occupancy. Async
 * because the diagram is laid out by the WebAssembly Graphviz.
 *
 * @example
 * await writeFile('report.html', await renderHtml(report));
 */
export async function renderHtml(report: CampaignReport): Promise<string> {
  return renderHtmlPage(report, await inlineDiagram(report));
}
