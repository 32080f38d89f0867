import { callMachineGraph } from '../../diagram/call-machine.js';
import { toMermaid } from '../../diagram/mermaid.js';
import type { CampaignReport } from '../types.js';
import { escapeMarkdown } from './escape.js';
import { formatChannels, formatCount, formatDuration, formatRate } from './format.js';
import { sparkline } from './sparkline.js';

function table(header: readonly string[], align: string, rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align
      .split('')
      .map((side) => (side === 'r' ? '---:' : '---'))
      .join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function campaignSection(report: CampaignReport): string[] {
  const { campaign } = report;
  const lines = ['# Campaign report', ''];
  if (campaign.partial) {
    const planned = campaign.plannedCalls === null ? '' : ` of the ${formatCount(campaign.plannedCalls)} planned`;
    lines.push(
      `> **PARTIAL**: the campaign was stopped after ${formatCount(campaign.calls)} calls${planned}; every number below covers those calls only.`,
      '',
    );
  }
  lines.push(
    ...table(['Campaign', ''], 'lr', [
      ['Profile', escapeMarkdown(campaign.profileName)],
      ['Seed', escapeMarkdown(String(campaign.seed))],
      ['Channels', formatCount(campaign.channels)],
      ['Calls', formatCount(campaign.calls)],
      ['Faults (simulation failures, counted as ERROR/OTHER)', formatCount(campaign.faults)],
    ]),
  );
  return lines;
}

function outcomeSection(report: CampaignReport): string[] {
  const total = [
    '**Total**',
    '',
    '',
    `**${formatCount(report.campaign.calls)}**`,
    `**${formatRate(report.campaign.calls === 0 ? 0 : 1)}**`,
  ];
  return [
    '## Outcomes',
    '',
    ...table(['Status', 'Sub-status', 'Result code', 'Calls', 'Share'], 'lllrr', [
      ...report.outcomes.map((row) => [
        row.status,
        row.subStatus,
        row.resultCode ?? '–',
        formatCount(row.count),
        formatRate(row.rate),
      ]),
      total,
    ]),
    '',
    ...table(
      ['Status', 'Calls', 'Share'],
      'lrr',
      report.statuses.map((row) => [row.status, formatCount(row.count), formatRate(row.rate)]),
    ),
    '',
    ...table(
      ['Sub-status', 'Calls', 'Share'],
      'lrr',
      report.subStatuses.map((row) => [`${row.status}/${row.subStatus}`, formatCount(row.count), formatRate(row.rate)]),
    ),
    '',
    ...table(
      ['Result code', 'Calls', 'Share'],
      'lrr',
      report.resultCodes.map((row) => [row.resultCode ?? '(none)', formatCount(row.count), formatRate(row.rate)]),
    ),
  ];
}

function durationSection(report: CampaignReport): string[] {
  const rows = Object.entries(report.durations).map(([name, stats]) => [
    name,
    formatCount(stats.count),
    ...[stats.p50, stats.p90, stats.p99, stats.min, stats.mean, stats.max].map(formatDuration),
  ]);
  return [
    '## Durations',
    '',
    'Ring: from ringing to answer (or to the end of a call never answered). Talk: from answer to the end. Total: from dialing (or the start, for a call never dialed) to the end. Percentiles are nearest-rank, to 100 ms.',
    '',
    ...table(['Duration', 'Calls', 'p50', 'p90', 'p99', 'Min', 'Mean', 'Max'], 'lrrrrrrr', rows),
  ];
}

function occupancySection(report: CampaignReport): string[] {
  const { occupancy, campaign } = report;
  return [
    '## Channel occupancy',
    '',
    `Peak **${formatCount(occupancy.peakBusy)}** of ${formatCount(campaign.channels)} channels busy at once; mean ${formatChannels(occupancy.meanBusy)} over ${formatDuration(occupancy.endMs)} of campaign clock (buckets of ${formatDuration(occupancy.bucketMs)}).`,
    '',
    `\`${
      sparkline(
        occupancy.buckets.map((bucket) => bucket.meanBusy),
        campaign.channels,
      ) || ' '
    }\``,
  ];
}

function transitionSection(report: CampaignReport): string[] {
  const edgeCounts = new Map(report.transitions.map((transition) => [transition.id, transition.calls]));
  const rows = report.transitions.map((t) => [
    escapeMarkdown(t.from.replace(/^call\.?/, '') || '(any state)'),
    escapeMarkdown(t.label),
    escapeMarkdown(t.to.map((target) => target.replace(/^call\./, '')).join(', ') || '(stays)'),
    formatCount(t.calls),
    formatCount(t.traversals),
  ]);
  return [
    '## Transitions',
    '',
    'How many calls took each transition of the call machine (a call that plays several messages takes the playback loop once per message: that is the traversals column).',
    '',
    '```mermaid',
    toMermaid(callMachineGraph(), { edgeCounts, legend: false }).trimEnd(),
    '```',
    '',
    ...table(['From', 'Transition', 'To', 'Calls', 'Traversals'], 'lllrr', rows),
  ];
}

/**
 * The report as GitHub-flavoured Markdown: the campaign, outcome tables, duration percentiles,
 * channel occupancy (with a text sparkline) and the transitions, with the lifecycle diagram as a
 * Mermaid block whose arrows carry their call counts. User labels are escaped.
 *
 * @example
 * await writeFile('report.md', renderMarkdown(report));
 */
export function renderMarkdown(report: CampaignReport): string {
  const sections = [
    campaignSection(report),
    outcomeSection(report),
    durationSection(report),
    occupancySection(report),
    transitionSection(report),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
