import type { CampaignReport } from '../../types.js';
import { escapeHtml } from '../escape.js';
import { formatCount, formatRate } from '../format.js';
import { FAMILY_COLORS, subStatusColor } from './palette.js';
import { ringSegment } from './svg.js';

const SIZE = 240;
const CENTER = SIZE / 2;

/**
 * The outcomes as a donut: statuses on the inner ring, their sub-statuses on the outer ring in
 * shades of the family colour, the number of calls in the middle. Each segment has a `<title>`
 * (a tooltip) with its count and share; an empty campaign draws a grey ring.
 */
export function outcomeDonut(report: CampaignReport): string {
  const calls = report.campaign.calls;
  const parts: string[] = [];
  if (calls === 0) {
    parts.push(`<path d="${ringSegment(CENTER, CENTER, 70, 112, 0, 1)}" fill="#e2e8f0"/>`);
  } else {
    let start = 0;
    for (const row of report.statuses) {
      const end = start + row.count / calls;
      if (row.count > 0)
        parts.push(
          segment(
            ringSegment(CENTER, CENTER, 70, 90, start, end),
            FAMILY_COLORS[row.status],
            `${row.status}: ${formatCount(row.count)} calls, ${formatRate(row.rate)}`,
          ),
        );
      start = end;
    }
    start = 0;
    for (const row of report.subStatuses) {
      const end = start + row.count / calls;
      if (row.count > 0)
        parts.push(
          segment(
            ringSegment(CENTER, CENTER, 92, 112, start, end),
            subStatusColor(row.subStatus),
            `${row.status}/${row.subStatus}: ${formatCount(row.count)} calls, ${formatRate(row.rate)}`,
          ),
        );
      start = end;
    }
  }
  parts.push(`<text x="${CENTER}" y="${CENTER - 4}" class="donut-total">${formatCount(calls)}</text>`);
  parts.push(`<text x="${CENTER}" y="${CENTER + 18}" class="donut-caption">calls</text>`);
  return `<svg class="donut" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="Outcomes of ${formatCount(calls)} calls by status and sub-status">${parts.join('')}</svg>`;
}

function segment(path: string, color: string, title: string): string {
  return `<path d="${path}" fill="${color}" stroke="#fff" stroke-width="1.5"><title>${escapeHtml(title)}</title></path>`;
}
