import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { simulateBatches } from '../../src/simulator/campaign.js';
import { Channels } from '../../src/simulator/channels.js';
import { Packer, Unpacker } from '../../src/simulator/pack.js';
import { planCampaign } from '../../src/simulator/plan.js';
import type { CampaignRecord } from '../../src/simulator/record.js';
import { RECORD_CSV_HEADER, recordToCsv, recordToJson } from '../../src/simulator/serialize.js';
import { profileArb, numRuns } from './arbitraries.js';

async function campaign(options: Parameters<typeof planCampaign>[0], format: 'jsonl' | 'csv' | null = null) {
  const records: CampaignRecord[] = [];
  const chunks: Uint8Array[] = [];
  for await (const batch of simulateBatches(planCampaign(options), format, 97)) {
    records.push(...batch.records);
    chunks.push(batch.bytes.slice());
  }
  return { records, text: Buffer.concat(chunks).toString('utf8') };
}

const oddText = fc.string({ unit: 'binary', maxLength: 12 });
const oddNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(-0),
  fc.constant(2 ** 60),
);

describe('record serializers', () => {
  test.prop([profileArb, fc.nat()], { numRuns: numRuns(40, 0.05) })(
    'JSON lines are JSON.stringify of each record, byte for byte',
    async (profile, seed) => {
      const { records, text } = await campaign({ calls: 60, seed, profile, concurrency: 3 }, 'jsonl');
      expect(text).toBe(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    },
  );

  test.prop([oddText, oddText, oddNumber, oddNumber], { numRuns: numRuns(300) })(
    'odd strings (quotes, control and non-ASCII characters) and numbers serialize as JSON.stringify does',
    (state, fault, at, startAt) => {
      const base = {
        index: 0,
        startAt,
        channel: 0,
        callId: state,
        to: '+33612345678',
        status: 'ERROR',
        subStatus: 'OTHER',
        resultCode: null,
      } as const;
      const record = {
        ...base,
        messagesPlayed: 0,
        sipCode: null,
        q850: null,
        startedAt: at,
        ringingAt: null,
        answeredAt: null,
        endedAt: at,
        timeline: [{ at, state, event: fault }],
        ignoredEvents: [{ at, state, event: 'x', sipCode: 486 }],
        fault,
      } as unknown as CampaignRecord;
      expect(recordToJson(record)).toBe(JSON.stringify(record));
    },
  );

  it('CSV has one header and one line per record, quoting what needs it', async () => {
    const { records, text } = await campaign({ calls: 25, seed: 3 }, 'csv');
    expect(text).toBe(records.map((record) => `${recordToCsv(record)}\n`).join(''));
    expect(RECORD_CSV_HEADER.trim().split(',')).toHaveLength(text.split('\n')[0]?.split(',').length ?? 0);
    const faulty = { ...(records[0] as CampaignRecord), fault: 'boom, "quoted"' };
    // A fault record: no timeline at all.
    const empty = { ...faulty, timeline: [], startedAt: null, ringingAt: null, endedAt: 0 };
    expect(recordToJson(empty)).toBe(JSON.stringify(empty));
    expect(recordToCsv(faulty).endsWith(',"boom, ""quoted"""')).toBe(true);
  });
});

describe('packed records (worker → main thread)', () => {
  test.prop([profileArb, fc.nat(), fc.integer({ min: 1, max: 5 })], { numRuns: numRuns(30, 0.05) })(
    'unpacking gives the records and bytes of an in-thread campaign',
    async (profile, seed, concurrency) => {
      const options = { calls: 50, seed, profile, concurrency };
      const expected = await campaign(options, 'jsonl');
      const plan = planCampaign(options);
      const packer = new Packer('jsonl');
      const unpacker = new Unpacker();
      const channels = new Channels(concurrency);
      const records: CampaignRecord[] = [];
      const chunks: Uint8Array[] = [];
      for (const [start, end] of [
        [0, 20],
        [20, 21],
        [21, 50],
      ] as const) {
        for await (const batch of simulateBatches({ ...plan, count: end }, null, 1_000)) {
          // Re-simulate in a packer, as a worker does, from the in-thread records' calls.
          for (const record of batch.records.slice(start, end)) packer.add({ record, fault: record.fault });
        }
        const unpacked = unpacker.unpack(packer.take(start), channels, 'jsonl');
        records.push(...unpacked.records);
        chunks.push(unpacked.bytes.slice());
      }
      expect(records).toStrictEqual(expected.records);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(expected.text);
    },
  );
});
