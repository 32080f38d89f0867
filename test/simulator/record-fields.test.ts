import { describe, expect, expectTypeOf, it } from 'vitest';
import { CALL_RECORD_FIELDS, type CallRecord } from '../../machines/record.js';
import { simulateBatches } from '../../src/simulator/campaign.js';
import { Channels } from '../../src/simulator/channels.js';
import { DEFAULT_PROFILE } from '../../src/simulator/default-profile.js';
import { runFast, runWithXState } from '../../src/simulator/engine/engines.js';
import { Packer, Unpacker } from '../../src/simulator/pack.js';
import { planCampaign } from '../../src/simulator/plan.js';
import { seedHash } from '../../src/simulator/prng.js';
import { CAMPAIGN_RECORD_FIELDS, type CampaignRecord } from '../../src/simulator/record.js';
import { sampleCall } from '../../src/simulator/sampler.js';
import { RECORD_CSV_COLUMNS, recordToCsv, recordToJson } from '../../src/simulator/serialize.js';
import { faultRecord } from '../../src/simulator/simulate-call.js';
import { callInput, replay } from '../support/calls.js';

// Every place that writes a record's fields one by one (the machine, the fast engine, the fault
// record, campaign records, packed records, JSON bytes, CSV) is checked against the one list.

async function campaignRecords(): Promise<CampaignRecord[]> {
  const records: CampaignRecord[] = [];
  for await (const batch of simulateBatches(planCampaign({ calls: 40, seed: 'fields' }), null, 100)) {
    records.push(...batch.records);
  }
  return records;
}

describe('the record fields, declared once', () => {
  it('name every field of CallRecord and of CampaignRecord, once each', () => {
    expectTypeOf<(typeof CALL_RECORD_FIELDS)[number]>().toEqualTypeOf<keyof CallRecord>();
    expectTypeOf<(typeof CAMPAIGN_RECORD_FIELDS)[number]>().toEqualTypeOf<keyof CampaignRecord>();
    expect(new Set(CAMPAIGN_RECORD_FIELDS).size).toBe(CAMPAIGN_RECORD_FIELDS.length);
  });

  it('order the machine’s record, both engines’ records and a fault record', () => {
    const machine = replay(callInput(), [{ type: 'carrier.busy', at: 1_000, sipCode: 486 }]);
    const call = sampleCall(DEFAULT_PROFILE, seedHash('fields'), 0, '+33612345678', false);
    for (const record of [machine, runFast(call), runWithXState(call), faultRecord('call-9', '+33612345678')]) {
      expect(Object.keys(record)).toEqual(CALL_RECORD_FIELDS);
    }
  });

  it('order campaign records, in-thread and unpacked from a worker’s chunk', async () => {
    const records = await campaignRecords();
    const packer = new Packer(null);
    for (const record of records) packer.add({ record, fault: record.fault });
    const unpacked = new Unpacker().unpack(packer.take(0), new Channels(10), null).records;
    expect(unpacked).toHaveLength(records.length);
    for (const record of [...records, ...unpacked]) expect(Object.keys(record)).toEqual(CAMPAIGN_RECORD_FIELDS);
  });

  it('order the JSON written as bytes, on the fast path and through JSON.stringify', async () => {
    const [record] = await campaignRecords();
    if (record === undefined) expect.unreachable('the campaign has calls');
    // A callId that needs an escape takes the standard serializer's path.
    for (const variant of [record, { ...record, callId: 'call "quoted"' }]) {
      expect(Object.keys(JSON.parse(recordToJson(variant)))).toEqual(CAMPAIGN_RECORD_FIELDS);
    }
  });

  it('name the CSV columns after the fields, each holding its field', async () => {
    expect(RECORD_CSV_COLUMNS).toEqual(CAMPAIGN_RECORD_FIELDS.map((field) => (field === 'timeline' ? 'path' : field)));
    for (const record of await campaignRecords()) {
      const cells = recordToCsv(record).split(',');
      const byColumn = new Map(RECORD_CSV_COLUMNS.map((column, index) => [column, cells[index]]));
      for (const field of CAMPAIGN_RECORD_FIELDS) {
        const value = record[field];
        const expected =
          field === 'timeline'
            ? record.timeline.map((entry) => entry.state).join('>')
            : field === 'ignoredEvents'
              ? String(record.ignoredEvents.length)
              : value === null
                ? ''
                : String(value);
        expect(byColumn.get(field === 'timeline' ? 'path' : field)).toBe(expected);
      }
    }
  });
});
