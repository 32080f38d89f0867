import { Channels } from './channels.js';
import { numberAt, planCampaign, type CampaignOptions, type CampaignPlan } from './plan.js';
import type { CampaignRecord } from './record.js';
import { simulateCall, type SimulatedCall } from './simulate-call.js';

/** Calls simulated between two turns of the event loop (so Ctrl-C and progress get a say). */
export const BATCH_SIZE = 2_000;

/**
 * Places each call's record on the campaign clock, strictly in index order: whoever computed the
 * records (this thread or workers), the placements are the same.
 */
export class CampaignAssembler {
  private readonly channels: Channels;

  constructor(concurrency: number) {
    this.channels = new Channels(concurrency);
  }

  place(index: number, { record, fault }: SimulatedCall): CampaignRecord {
    const { startAt, channel } = this.channels.place(record.endedAt);
    return { index, startAt, channel, ...record, fault };
  }
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (globalThis.setImmediate ?? setTimeout)(resolve));
}

/**
 * Simulates a campaign in this thread, a batch of records at a time, in call-index order.
 * `simulateCampaign` flattens it; the CLI and the worker pool use the batches.
 */
export async function* simulateBatches(plan: CampaignPlan, batchSize = BATCH_SIZE): AsyncGenerator<CampaignRecord[]> {
  const assembler = new CampaignAssembler(plan.concurrency);
  for (let start = 0; start < plan.count; start += batchSize) {
    if (plan.signal?.aborted) return;
    const end = Math.min(plan.count, start + batchSize);
    const batch: CampaignRecord[] = [];
    for (let index = start; index < end; index++) {
      const to = numberAt(plan, index);
      batch.push(assembler.place(index, simulateCall(plan.profile, plan.seed, index, to, plan.blacklist.has(to), plan.engine)));
    }
    yield batch;
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
  for await (const batch of simulateBatches(planCampaign(options))) yield* batch;
}
