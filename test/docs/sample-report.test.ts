import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CAMPAIGN, sampleReport, sampleReportDocs } from '../../src/docs/sample-report.js';
import { runCli } from '../support/cli.js';

describe('the sample reports in docs/', () => {
  it('are what `simulate --report` writes for the same campaign', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'call-lifecycle-sample-'));
    const options = [
      '--calls',
      String(SAMPLE_CAMPAIGN.calls),
      '--seed',
      SAMPLE_CAMPAIGN.seed,
      '--concurrency',
      String(SAMPLE_CAMPAIGN.concurrency),
    ];
    for (const [doc, extension] of [
      [sampleReportDocs[0], 'md'],
      [sampleReportDocs[1], 'html'],
    ] as const) {
      const file = join(directory, `report.${extension}`);
      const run = await runCli(['simulate', ...options, '--report', file]);
      expect(run.code).toBe(0);
      // The generated copy only adds the "generated" comments.
      const generated = (await doc?.render())
        ?.split('\n')
        .filter((line) => !line.startsWith('<!-- '))
        .join('\n');
      expect(generated?.replace(/^\n+/, '')).toBe(await readFile(file, 'utf8'));
    }
  });

  it('add up: every call of the sample is counted once', async () => {
    const report = await sampleReport();
    expect(report.campaign.calls).toBe(SAMPLE_CAMPAIGN.calls);
    expect(report.statuses.reduce((sum, row) => sum + row.count, 0)).toBe(SAMPLE_CAMPAIGN.calls);
  });
});
