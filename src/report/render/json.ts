import type { CampaignReport } from '../types.js';

/**
 * The report as JSON: two-space indented, keys in the fixed order the builder writes them, one
 * final newline. The same campaign gives the same bytes.
 *
 * @example
 * const report = JSON.parse(renderJson(builder.finish({ partial: false })));
 */
export function renderJson(report: CampaignReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
