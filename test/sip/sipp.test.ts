import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIPP_CASES, cutSippAudio, recordsOf } from './support/cases.js';
import { HAVE_SIPP, captureSipp, killChildren } from './support/sipp.js';

// Real SIPp on loopback, captured by dumpcap: our scenarios (test/sip/support/scenarios.ts) as
// our platform (UAC) and as the carrier (UAS). Each case's expectations are written from its
// ladder and the RFCs in test/sip/support/cases.ts. SIP_CAPTURES_UPDATE=1 copies each fresh
// capture to test/sip/captures/, which the second block reads where SIPp is absent.

const CAPTURES = resolve(import.meta.dirname, 'captures');
/** Ports 21000 and up, ten per case: unique per test. */
const BASE_PORT = 21_000;

// The live cases run at once (each on its own ports): they mostly wait on SIPp's pauses, so the
// file takes about as long as its longest case instead of the sum of them all.
describe.skipIf(!HAVE_SIPP).concurrent('SIPp calls captured live', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sipp-'));
    cutSippAudio();
  });
  afterAll(async () => {
    killChildren();
    await rm(dir, { recursive: true, force: true });
  });

  // Started longest first (the RTP and built-in cases, at the end of the list, wait seconds).
  for (const [index, sippCase] of [...SIPP_CASES.entries()].reverse()) {
    it(`${sippCase.name}: every record has the outcome of its ladder`, async () => {
      const file = await captureSipp({
        dir,
        name: sippCase.name,
        scenarios: sippCase.scenarios,
        port: BASE_PORT + index * 10,
        ...sippCase.run,
      });
      sippCase.check(await recordsOf(file, sippCase.options));
      if (process.env.SIP_CAPTURES_UPDATE === '1') await copyFile(file, join(CAPTURES, `${sippCase.name}.pcapng`));
    });
  }

  it('reads the libpcap copy of a capture (editcap -F pcap) as the pcapng original', async () => {
    const file = await captureSipp({
      dir,
      name: 'pcap-copy',
      scenarios: (SIPP_CASES[0] ?? expect.unreachable('SIPP_CASES is not empty')).scenarios,
      port: 20_900,
    });
    const copy = join(dir, 'pcap-copy.pcap');
    expect(spawnSync('editcap', ['-F', 'pcap', file, copy]).status).toBe(0);
    expect(await recordsOf(copy)).toEqual(await recordsOf(file));
  });
});

describe('checked-in SIPp captures', () => {
  for (const sippCase of SIPP_CASES) {
    const file = join(CAPTURES, `${sippCase.name}.pcapng`);
    it(`${sippCase.name}: every record has the outcome of its ladder`, async () => {
      sippCase.check(await recordsOf(file, sippCase.options));
    });
  }
});
