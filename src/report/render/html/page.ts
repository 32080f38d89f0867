import { OUTCOME_TABLE } from '../../../taxonomy/index.js';
import type { CallStatus } from '../../../../machines/taxonomy.js';
import type { DurationStats } from '../../histogram.js';
import type { CampaignReport } from '../../types.js';
import { escapeHtml } from '../escape.js';
import { formatChannels, formatCount, formatDuration, formatRate } from '../format.js';
import type { InlineDiagram } from './diagram.js';
import { occupancyChart } from './occupancy-chart.js';
import { outcomeDonut } from './outcome-chart.js';
import { FAMILY_COLORS, subStatusColor } from './palette.js';
import { REPORT_CSS } from './style.js';

/** No request may leave the page: everything it shows is inline. The policy makes that a rule for the browser too. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const e = escapeHtml;

function bar(rate: number, color: string): string {
  return `<div class="bar"><span style="width:${(rate * 100).toFixed(2)}%;background:${color}"></span></div>`;
}

function header(report: CampaignReport): string {
  const { campaign } = report;
  const facts = [
    `${formatCount(campaign.calls)} calls`,
    `${formatCount(campaign.channels)} channels`,
    `seed ${e(String(campaign.seed))}`,
    `profile “${e(campaign.profileName)}”`,
  ];
  const banner = campaign.partial
    ? `<div class="banner" role="alert"><strong>PARTIAL</strong>The campaign was stopped after ${formatCount(campaign.calls)}${campaign.plannedCalls === null ? '' : ` of ${formatCount(campaign.plannedCalls)}`} calls: every number below covers those calls only.</div>`
    : '';
  return `<header><h1>Campaign report</h1><p>${facts.join(' · ')}</p></header>${banner}`;
}

function cards(report: CampaignReport): string {
  const card = (value: string, label: string, family = '') =>
    `<div class="card ${family}"><div class="value">${value}</div><div class="label">${label}</div></div>`;
  const statuses = report.statuses.map((row) =>
    card(formatRate(row.rate), `${row.status} · ${formatCount(row.count)} calls`, row.status.toLowerCase()),
  );
  return `<section class="cards">${[
    card(formatCount(report.campaign.calls), 'calls'),
    ...statuses,
    card(`${formatCount(report.occupancy.peakBusy)} / ${formatCount(report.campaign.channels)}`, 'peak busy channels'),
    card(formatDuration(report.durations.total.p50), 'median call length'),
  ].join('')}</section>`;
}

function outcomeRows(report: CampaignReport): string {
  const rows: string[] = [];
  const cells = (count: number, rate: number, color: string) =>
    `<td class="n">${formatCount(count)}</td><td class="n">${formatRate(rate)}</td><td>${bar(rate, color)}</td>`;
  for (const status of report.statuses) {
    const color = FAMILY_COLORS[status.status];
    rows.push(
      `<tr class="status"><td><span class="swatch" style="background:${color}"></span>${status.status}</td>${cells(status.count, status.rate, color)}</tr>`,
    );
    for (const sub of report.subStatuses.filter((row) => row.status === status.status)) {
      const subColor = subStatusColor(sub.subStatus);
      rows.push(
        `<tr class="sub"><td><span class="swatch" style="background:${subColor}"></span>${sub.subStatus}</td>${cells(sub.count, sub.rate, subColor)}</tr>`,
      );
      const codes = Object.keys(
        (OUTCOME_TABLE[status.status as CallStatus] as Record<string, { resultCodes: object }>)[sub.subStatus]
          ?.resultCodes ?? {},
      );
      if (codes.length < 2) continue;
      for (const outcome of report.outcomes.filter(
        (row) => row.status === status.status && row.subStatus === sub.subStatus,
      )) {
        rows.push(
          `<tr class="code"><td>${outcome.resultCode ?? 'no result code'}</td>${cells(outcome.count, outcome.rate, subColor)}</tr>`,
        );
      }
    }
  }
  rows.push(
    `<tr class="total"><td>Total</td><td class="n">${formatCount(report.campaign.calls)}</td><td class="n">${formatRate(report.campaign.calls === 0 ? 0 : 1)}</td><td></td></tr>`,
  );
  return rows.join('');
}

function outcomes(report: CampaignReport): string {
  const codes = report.resultCodes
    .map(
      (row) =>
        `<tr><td>${row.resultCode ?? '(none)'}</td><td class="n">${formatCount(row.count)}</td><td class="n">${formatRate(row.rate)}</td></tr>`,
    )
    .join('');
  return `<section id="outcomes"><h2>Outcomes</h2><div class="split">${outcomeDonut(report)}
<table><thead><tr><th>Status / sub-status / result code</th><th class="n">Calls</th><th class="n">Share</th><th></th></tr></thead><tbody>${outcomeRows(report)}</tbody></table></div>
<details><summary>By result code</summary><table><thead><tr><th>Result code</th><th class="n">Calls</th><th class="n">Share</th></tr></thead><tbody>${codes}</tbody></table></details>
<p class="legend">Faults (calls whose simulation failed, counted as ERROR / OTHER): ${formatCount(report.campaign.faults)}.</p></section>`;
}

function lifecycle(diagram: InlineDiagram): string {
  return `<section id="lifecycle"><h2>Lifecycle</h2>
<p class="muted">Every transition of the call machine, labelled with the number of calls that took it (×N) and drawn thicker the more calls took it. Terminal states are coloured by status.</p>
<input type="checkbox" id="diagram-size" class="diagram-toggle"><div class="diagram-controls"><label for="diagram-size"><span class="reading">⤢ Show at full size</span><span class="whole">⤡ Fit to the page</span></label> <span class="muted">At full size, scroll inside the box to follow the calls.</span></div>
<div class="diagram-scroll" style="--natural-width:${diagram.widthPx}px">${diagram.svg}</div></section>`;
}

function durations(report: CampaignReport): string {
  const row = (name: string, help: string, stats: DurationStats) =>
    `<tr><td><strong>${name}</strong><br><span class="muted">${help}</span></td><td class="n">${formatCount(stats.count)}</td>${[stats.p50, stats.p90, stats.p99, stats.min, stats.mean, stats.max].map((ms) => `<td class="n">${formatDuration(ms)}</td>`).join('')}</tr>`;
  const { ring, talk, total } = report.durations;
  return `<section id="durations"><h2>Durations</h2><table><thead><tr><th></th><th class="n">Calls</th><th class="n">p50</th><th class="n">p90</th><th class="n">p99</th><th class="n">Min</th><th class="n">Mean</th><th class="n">Max</th></tr></thead><tbody>
${row('Ring', 'ringing → answer, or the end when never answered', ring)}${row('Talk', 'answer → end', talk)}${row('Total', 'dialing → end (0 for a call never dialed)', total)}</tbody></table>
<p class="legend">Percentiles are nearest-rank, to 100 ms; min, mean and max are exact.</p></section>`;
}

function occupancy(report: CampaignReport): string {
  const { occupancy: stats, campaign } = report;
  return `<section id="occupancy"><h2>Channel occupancy</h2>
<p class="muted">Peak ${formatCount(stats.peakBusy)} of ${formatCount(campaign.channels)} channels busy at once; mean ${formatChannels(stats.meanBusy)} over ${formatDuration(stats.endMs)} of campaign clock, in buckets of ${formatDuration(stats.bucketMs)}.</p>
${occupancyChart(report)}
<p class="legend"><i style="background:#bfdbfe;height:10px"></i>mean busy<i style="background:#1d4ed8"></i>peak busy<i style="border-top:2px dashed var(--error);height:0"></i>channels</p></section>`;
}

/** A state id without the machine's id, as call records write it (`call.ringing` → `ringing`). */
function shortState(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? '(any state)' : id.slice(dot + 1);
}

function transitions(report: CampaignReport): string {
  const rows = report.transitions
    .map(
      (t) =>
        `<tr title="${e(t.id)}"><td><code>${e(shortState(t.from))}</code></td><td>${e(t.label)}</td><td><code>${e(t.to.map(shortState).join(', ') || '(stays)')}</code></td><td class="n">${formatCount(t.calls)}</td><td class="n">${formatCount(t.traversals)}</td></tr>`,
    )
    .join('');
  return `<section id="transitions"><details><summary>Every transition, with its calls (${formatCount(report.transitions.length)} transitions)</summary>
<table><thead><tr><th>From</th><th>Transition</th><th>To</th><th class="n">Calls</th><th class="n">Traversals</th></tr></thead><tbody>${rows}</tbody></table>
<p class="legend">Traversals count each time a transition was taken: a call playing several messages loops once per message.</p></details></section>`;
}

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no font, no image
 * and no request of any kind (a Content-Security-Policy forbids them). Every user label is escaped.
 *
 * @example
 * const html = renderHtmlPage(report, await inlineDiagram(report));
 */
export function renderHtmlPage(report: CampaignReport, diagram: InlineDiagram): string {
  const title = `Campaign report · ${report.campaign.profileName} · ${formatCount(report.campaign.calls)} calls${report.campaign.partial ? ' (partial)' : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${header(report)}
${cards(report)}
${outcomes(report)}
${lifecycle(diagram)}
${durations(report)}
${occupancy(report)}
${transitions(report)}
<footer>Made by call-lifecycle from the call machine’s own diagram. The same seed, profile and options give this same page.</footer>
</main>
</body>
</html>
`;
}
