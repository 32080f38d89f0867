import { outcomeKey } from '../../taxonomy/index.js';
import type { DurationStats } from '../histogram.js';
import type { CampaignReport } from '../types.js';

/** The CSV's columns: one observation per row (a tidy, long table a spreadsheet can pivot). */
export const CSV_COLUMNS = ['section', 'key', 'metric', 'value'] as const;

type Row = readonly [section: string, key: string, metric: string, value: string | number | boolean | null];

/** Quotes a field when RFC 4180 requires it (comma, quote, CR or LF), doubling inner quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made inert for spreadsheets, as OWASP's CSV Injection page recommends: a cell that
 * starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so Excel, LibreOffice and Google
 * Sheets show the text instead of running it (`=HYPERLINK(…)`, `=cmd|…`). Numbers are written as
 * numbers: only text from users (seed, profile name) can start that way.
 *
 * @example
 * csvText('=1+1'); // → "'=1+1"
 */
function csvText(value: string): string {
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

function cell(field: Row[number]): string {
  if (field === null) return '';
  return typeof field === 'string' ? csvText(field) : csvField(String(field));
}

function durationRows(name: string, stats: DurationStats): Row[] {
  return (['count', 'min', 'max', 'mean', 'p50', 'p90', 'p99'] as const).map((metric) => [
    'duration_ms',
    name,
    metric,
    stats[metric],
  ]);
}

function rows(report: CampaignReport): Row[] {
  const { campaign, occupancy } = report;
  const share = (section: string, key: string, row: { count: number; rate: number }): Row[] => [
    [section, key, 'count', row.count],
    [section, key, 'rate', row.rate],
  ];
  return [
    ['campaign', '', 'seed', campaign.seed],
    ['campaign', '', 'profile', campaign.profileName],
    ['campaign', '', 'channels', campaign.channels],
    ['campaign', '', 'planned_calls', campaign.plannedCalls],
    ['campaign', '', 'calls', campaign.calls],
    ['campaign', '', 'partial', campaign.partial],
    ['campaign', '', 'faults', campaign.faults],
    ...report.statuses.flatMap((row) => share('status', row.status, row)),
    ...report.subStatuses.flatMap((row) => share('sub_status', `${row.status}/${row.subStatus}`, row)),
    ...report.outcomes.flatMap((row) => share('outcome', outcomeKey(row), row)),
    ...report.resultCodes.flatMap((row) => share('result_code', row.resultCode ?? 'none', row)),
    ...durationRows('ring', report.durations.ring),
    ...durationRows('talk', report.durations.talk),
    ...durationRows('total', report.durations.total),
    ['occupancy', '', 'bucket_ms', occupancy.bucketMs],
    ['occupancy', '', 'end_ms', occupancy.endMs],
    ['occupancy', '', 'peak_busy', occupancy.peakBusy],
    ['occupancy', '', 'mean_busy', occupancy.meanBusy],
    ...occupancy.buckets.flatMap((bucket): Row[] => [
      ['occupancy_bucket', String(bucket.startMs), 'mean_busy', bucket.meanBusy],
      ['occupancy_bucket', String(bucket.startMs), 'peak_busy', bucket.peakBusy],
    ]),
    ...report.transitions.flatMap((transition): Row[] => [
      ['transition', transition.id, 'calls', transition.calls],
      ['transition', transition.id, 'traversals', transition.traversals],
    ]),
  ];
}

/**
 * The report as one tidy CSV table with the columns `section,key,metric,value` (RFC 4180 quoting,
 * `\n` line ends, a header row). An empty value means "none" (e.g. no percentile without calls).
 * Text cells that a spreadsheet would run as a formula start with `'` (see `csvText`).
 *
 * @example
 * renderCsv(report).split('\n')[1]; // → 'campaign,,seed,42'
 */
export function renderCsv(report: CampaignReport): string {
  const lines = [CSV_COLUMNS.join(','), ...rows(report).map((row) => row.map(cell).join(','))];
  return `${lines.join('\n')}\n`;
}
