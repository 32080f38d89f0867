/**
 * Campaign reports: a streaming builder that turns call records into a `CampaignReport`, and
 * renderers for JSON, CSV, Markdown, a self-contained HTML page and the CLI's plain-text summary.
 * Browser-safe: nothing here imports from `node:`. See docs/reports.md.
 */
import { renderCsv } from './render/csv.js';
import { renderHtml } from './render/html.js';
import { renderJson } from './render/json.js';
import { renderMarkdown } from './render/markdown.js';
import type { CampaignReport } from './types.js';

export { createReportBuilder, type ReportBuilder, type ReportBuilderOptions } from './builder.js';
export { BUCKET_MS, HISTOGRAM_CAP_MS, type DurationStats } from './histogram.js';
export { MAX_OCCUPANCY_BUCKETS, type OccupancyBucket, type OccupancyStats } from './occupancy.js';
export type { ReportRecord } from './record.js';
export { CSV_COLUMNS, renderCsv } from './render/csv.js';
export { renderHtml } from './render/html.js';
export { renderJson } from './render/json.js';
export { renderMarkdown } from './render/markdown.js';
export { renderSummaryTable } from './render/summary.js';
export type { CampaignMeta, CampaignReport, Share, TransitionCount } from './types.js';

/** The file formats a report renders to. */
export const REPORT_FORMATS = ['json', 'csv', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Renders a report in one of the file formats (the CLI picks it from `--report FILE`'s extension).
 *
 * @example
 * await writeFile('report.html', await renderReport(report, 'html'));
 */
export async function renderReport(report: CampaignReport, format: ReportFormat): Promise<string> {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'csv':
      return renderCsv(report);
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
  }
}
