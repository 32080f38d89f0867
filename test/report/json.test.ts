import { describe, expect, it } from 'vitest';
import { renderJson, renderReport } from '../../src/report/index.js';
import { fixedReport } from './fixed-report.js';

describe('renderJson', () => {
  it('parses back to the report, keys in a fixed order, one final newline', async () => {
    const report = fixedReport();
    const text = await renderReport(report, 'json');
    expect(text).toBe(renderJson(report));
    expect(JSON.parse(text)).toEqual(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'campaign',
      'statuses',
      'subStatuses',
      'outcomes',
      'resultCodes',
      'durations',
      'occupancy',
      'transitions',
    ]);
    expect(Object.keys(report.campaign)).toEqual([
      'seed',
      'profileName',
      'channels',
      'plannedCalls',
      'calls',
      'partial',
      'faults',
    ]);
  });

  it('is the same bytes for the same calls', () => {
    expect(renderJson(fixedReport())).toBe(renderJson(fixedReport()));
  });
});
