import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, renderCsv } from '../../src/report/index.js';
import { fixedReport } from './fixed-report.js';

/** A strict RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes): the CSV must parse back with it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${index}`);
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else field += char;
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('the CSV does not end with a complete line');
  return rows;
}

describe('renderCsv', () => {
  const hostile = 'a,b "quoted"\nnext line =1+1';
  const report = fixedReport({ profileName: hostile, seed: 'seed,with,commas' });
  const [header, ...rows] = parseCsv(renderCsv(report));

  it('parses back as one tidy table of section, key, metric, value', () => {
    expect(header).toEqual([...CSV_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(4);
  });

  it('gives back every count and rate of the report', () => {
    const value = (section: string, key: string, metric: string) =>
      rows.find((row) => row[0] === section && row[1] === key && row[2] === metric)?.[3];
    for (const row of report.statuses) {
      expect(Number(value('status', row.status, 'count'))).toBe(row.count);
      expect(Number(value('status', row.status, 'rate'))).toBe(row.rate);
    }
    for (const row of report.resultCodes)
      expect(Number(value('result_code', row.resultCode ?? 'none', 'count'))).toBe(row.count);
    for (const t of report.transitions) expect(Number(value('transition', t.id, 'calls'))).toBe(t.calls);
    expect(Number(value('duration_ms', 'ring', 'p50'))).toBe(report.durations.ring.p50);
    expect(Number(value('occupancy', '', 'peak_busy'))).toBe(report.occupancy.peakBusy);
  });

  it('keeps hostile labels whole: commas, quotes and newlines are quoted, not split', () => {
    expect(rows.find((row) => row[2] === 'profile')?.[3]).toBe(hostile);
    expect(rows.find((row) => row[2] === 'seed')?.[3]).toBe('seed,with,commas');
  });

  it('adds each breakdown up to the calls', () => {
    const calls = Number(rows.find((row) => row[2] === 'calls')?.[3]);
    for (const section of ['status', 'sub_status', 'outcome', 'result_code']) {
      const counts = rows.filter((row) => row[0] === section && row[2] === 'count').map((row) => Number(row[3]));
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(calls);
    }
  });
});
