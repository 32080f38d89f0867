import type { CampaignReport } from '../../types.js';
import { formatCount, formatDuration } from '../format.js';
import { num } from './svg.js';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 44, right: 12, top: 14, bottom: 30 };

/**
 * Channel occupancy over the campaign clock: the mean busy channels of each bucket as a filled
 * step area, the peak of each bucket as a line above it, and the channel count as a dashed
 * ceiling. Axes in channels and campaign time.
 */
export function occupancyChart(report: CampaignReport): string {
  const { occupancy, campaign } = report;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const top = Math.max(campaign.channels, occupancy.peakBusy, 1);
  const span = Math.max(occupancy.endMs, 1);
  const x = (ms: number) => PAD.left + (Math.min(ms, span) / span) * plotWidth;
  const y = (busy: number) => PAD.top + plotHeight - (busy / top) * plotHeight;
  const steps = (value: (bucket: (typeof occupancy.buckets)[number]) => number): string =>
    occupancy.buckets
      .map(
        (bucket) =>
          `L${num(x(bucket.startMs))},${num(y(value(bucket)))} L${num(x(bucket.startMs + occupancy.bucketMs))},${num(y(value(bucket)))}`,
      )
      .join(' ');
  const parts: string[] = [];
  for (const tick of [0, 0.5, 1]) {
    const busy = Math.round(top * tick);
    parts.push(
      `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${num(y(busy))}" y2="${num(y(busy))}" class="grid"/>`,
    );
    parts.push(
      `<text x="${PAD.left - 6}" y="${num(y(busy) + 4)}" class="axis" text-anchor="end">${formatCount(busy)}</text>`,
    );
  }
  for (let tick = 0; tick <= 4; tick += 1) {
    const ms = (span * tick) / 4;
    parts.push(
      `<text x="${num(x(ms))}" y="${HEIGHT - 8}" class="axis" text-anchor="${tick === 0 ? 'start' : tick === 4 ? 'end' : 'middle'}">${tick === 0 ? '0' : occupancy.endMs === 0 ? '' : formatDuration(Math.round(ms))}</text>`,
    );
  }
  if (occupancy.buckets.length > 0) {
    parts.push(
      `<path d="M${num(x(0))},${num(y(0))} ${steps((bucket) => bucket.meanBusy)} L${num(x(span))},${num(y(0))} Z" class="area"><title>mean busy channels per ${formatDuration(occupancy.bucketMs)}</title></path>`,
    );
    parts.push(
      `<path d="M${num(x(0))},${num(y(0))} ${steps((bucket) => bucket.peakBusy)}" class="peak"><title>peak busy channels per ${formatDuration(occupancy.bucketMs)}</title></path>`,
    );
  }
  parts.push(
    `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${num(y(campaign.channels))}" y2="${num(y(campaign.channels))}" class="ceiling"><title>${formatCount(campaign.channels)} channels</title></line>`,
  );
  return `<svg class="occupancy" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Busy channels over the campaign: peak ${formatCount(occupancy.peakBusy)} of ${formatCount(campaign.channels)}">${parts.join('')}</svg>`;
}
