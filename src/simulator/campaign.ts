import type { CallRecord } from '../../machines/record.js';
import { Channels } from './channels.js';
import { numberAt, planCampaign, type CampaignOptions, type CampaignPlan } from './plan.js';
import { campaignRecordFromFields, type CampaignRecord } from './record.js';
import { ByteWriter } from './bytes.js';
import { RECORD_TEXT, type RecordTextFormat } from './serialize.js';
import { simulateCall, type SimulatedCall } from './simulate-call.js';

/** Records in index order, with their text in the requested record format (UTF-8; empty for none). */
export interface CampaignBatch {
  readonly records: CampaignRecord[];
  readonly bytes: Uint8Array;
}

/** Calls simulated between two turns of the event loop (so Ctrl-C and progress get a say). */
export const BATCH_SIZE = 2_000;

/**
 * A campaign record from its parts, field by field (an object spread costs more than the call's
 * simulation when a million records go through). The key order is the JSON order of the records.
 */
function campaignRecord(
  index: number,
  startAt: number,
  channel: number,
  r: CallRecord,
  fault: string | null,
): CampaignRecord {
  return campaignRecordFromFields({
    index,
    startAt,
    channel,
    callId: r.callId,
    to: r.to,
    status: r.status,
    subStatus: r.subStatus,
    resultCode: r.resultCode,
    messagesPlayed: r.messagesPlayed,
    sipCode: r.sipCode,
    q850: r.q850,
    startedAt: r.startedAt,
    ringingAt: r.ringingAt,
    answeredAt: r.answeredAt,
    endedAt: r.endedAt,
    timeline: r.timeline,
    ignoredEvents: r.ignoredEvents,
    fault,
  });
}

/**
 * Places each call's record on the campaign clock, strictly in index order: whoever computed the
 * records (this thread or workers), the placements are the same.
 */
class CampaignAssembler {
  private readonly channels: Channels;

  constructor(concurrency: number) {
    this.channels = new Channels(concurrency);
  }

  place(index: number, { record, fault }: SimulatedCall): CampaignRecord {
    const channel = this.channels.place(record.endedAt);
    return campaignRecord(index, this.channels.startAt, channel, record, fault);
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (globalThis.setImmediate ?? setTimeout)(resolve));
}

/**
 * Simulates a campaign in this thread, a batch of records at a time, in call-index order.
 * `simulateCampaign` flattens it; the CLI and the worker pool use the batches.
 */
export async function* simulateBatches(
  plan: CampaignPlan,
  format: RecordTextFormat | null = null,
  batchSize = BATCH_SIZE,
): AsyncGenerator<CampaignBatch> {
  const assembler = new CampaignAssembler(plan.concurrency);
  const serialize = format === null ? null : RECORD_TEXT[format];
  for (let start = 0; start < plan.count; start += batchSize) {
    if (plan.signal?.aborted) return;
    const end = Math.min(plan.count, start + batchSize);
    const records: CampaignRecord[] = [];
    const out = new ByteWriter(serialize === null ? 16 : (end - start) * 1024);
    for (let index = start; index < end; index++) {
      const to = numberAt(plan, index);
      const record = assembler.place(
        index,
        simulateCall(plan.profile, plan.seed, index, to, plan.blacklist.has(to), plan.engine),
      );
      records.push(record);
      if (serialize !== null) {
        serialize.head(out, index, record.startAt, record.channel);
        serialize.body(out, record, record.fault);
      }
    }
    yield { records, bytes: out.view() };
    await yieldToEventLoop();
  }
}

/**
 * Simulates a campaign: the record of every call, in call-index order, as an async iterable.
 * Each call is drawn from (seed, index, profile) alone and run by the fast engine (the XState
 * machine's own transitions); channels are then assigned in index order. The same options give
 * the same records, byte for byte. Runs anywhere (browser included); the CLI's worker threads
 * give the same records faster.
 *
 * @example
 * for await (const record of simulateCampaign({ calls: 100, seed: 7, concurrency: 5 })) {
 *   console.log(record.index, record.channel, record.status, record.subStatus);
 * }
 */
export async function* simulateCampaign(options: CampaignOptions = {}): AsyncGenerator<CampaignRecord> {
  for await (const batch of simulateBatches(planCampaign(options))) yield* batch.records;
}
