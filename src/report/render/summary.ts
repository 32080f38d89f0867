import { OUTCOME_TABLE } from '../../taxonomy/index.js';
import type { CampaignReport } from '../types.js';
import { plainText } from './escape.js';
import { formatChannels, formatCount, formatDuration, formatRate } from './format.js';

type Line = readonly [label: string, ...cells: string[]];

/** Lays out rows as columns: the first left-aligned, the others right-aligned, two spaces apart. */
function columns(lines: readonly Line[]): string[] {
  const widths = lines[0]?.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length))) ?? [];
  return lines.map((line) =>
    line
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function outcomeLines(report: CampaignReport): Line[] {
  const lines: Line[] = [['Outcome', 'Calls', 'Share']];
  for (const status of report.statuses) {
    lines.push([status.status, formatCount(status.count), formatRate(status.rate)]);
    for (const sub of report.subStatuses.filter((row) => row.status === status.status)) {
      lines.push([`  ${sub.subStatus}`, formatCount(sub.count), formatRate(sub.rate)]);
      const codes = Object.keys(
        (OUTCOME_TABLE[status.status] as Record<string, { resultCodes: object }>)[sub.subStatus]?.resultCodes ?? {},
      );
      if (codes.length < 2) continue;
      for (const outcome of report.outcomes.filter(
        (row) => row.status === status.status && row.subStatus === sub.subStatus,
      )) {
        lines.push([
          `    ${outcome.resultCode ?? 'no result code'}`,
          formatCount(outcome.count),
          formatRate(outcome.rate),
        ]);
      }
    }
  }
  lines.push(['Total', formatCount(report.campaign.calls), formatRate(report.campaign.calls === 0 ? 0 : 1)]);
  return lines;
}

function durationLines(report: CampaignReport): Line[] {
  const lines: Line[] = [['Duration', 'Calls', 'p50', 'p90', 'p99', 'Min', 'Mean', 'Max']];
  for (const [name, stats] of Object.entries(report.durations)) {
    const cells = [stats.p50, stats.p90, stats.p99, stats.min, stats.mean, stats.max].map(formatDuration);
    lines.push([name, formatCount(stats.count), ...cells]);
  }
  return lines;
}

/** The campaign in one line, e.g. `10,000 calls · 30 channels · seed 42 · profile "default"`. */
function campaignLine(report: CampaignReport): string {
  const { campaign } = report;
  const planned =
    campaign.plannedCalls === null || campaign.plannedCalls === campaign.calls
      ? ''
      : ` of ${formatCount(campaign.plannedCalls)}`;
  return `${formatCount(campaign.calls)}${planned} calls · ${formatCount(campaign.channels)} channels · seed ${JSON.stringify(campaign.seed)} · profile ${JSON.stringify(campaign.profileName)}`;
}

/**
 * The plain-text summary `call-lifecycle simulate` prints: counts and shares per status, sub-status
 * and result code, the key duration percentiles, the busiest channels, faults, and a PARTIAL line
 * when the campaign was stopped early. Aligned for a monospace terminal; user labels are shown
 * with their control characters escaped.
 *
 * @example
 * process.stdout.write(renderSummaryTable(report));
 */
export function renderSummaryTable(report: CampaignReport): string {
  const { campaign, occupancy } = report;
  const lines = [`Campaign: ${plainText(campaignLine(report))}`];
  if (campaign.partial) {
    const planned = campaign.plannedCalls === null ? '' : ` of ${formatCount(campaign.plannedCalls)} planned`;
    lines.push(
      `PARTIAL: the campaign was stopped after ${formatCount(campaign.calls)}${planned} calls; every number covers those calls only.`,
    );
  }
  lines.push('', ...columns(outcomeLines(report)), '');
  lines.push(
    ...columns([
      ['Result code', 'Calls', 'Share'],
      ...report.resultCodes.map(
        (row): Line => [row.resultCode ?? '(none)', formatCount(row.count), formatRate(row.rate)],
      ),
    ]),
    '',
  );
  lines.push(...columns(durationLines(report)), '');
  lines.push(
    `Channels: peak ${formatCount(occupancy.peakBusy)} of ${formatCount(campaign.channels)} busy, mean ${formatChannels(occupancy.meanBusy)}, campaign clock ${formatDuration(occupancy.endMs)}`,
  );
  lines.push(
    `Faults: ${formatCount(campaign.faults)} ${campaign.faults === 1 ? 'record' : 'records'} whose simulation failed (counted as ERROR/OTHER)`,
  );
  return `${lines.join('\n')}\n`;
}
