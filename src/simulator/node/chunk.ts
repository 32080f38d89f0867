// A chunk of a campaign's calls simulated and packed: what a worker thread does for each message,
// and what the main thread does instead for a worker that failed.
import type { PackedChunk, Packer } from '../pack.js';
import { numberAt, type CampaignPlan } from '../plan.js';
import { simulateCall } from '../simulate-call.js';

/** The calls `start` (included) to `end` (excluded), simulated and packed by `packer`. */
export function simulateChunk(plan: CampaignPlan, packer: Packer, start: number, end: number): PackedChunk {
  for (let index = start; index < end; index++) {
    const to = numberAt(plan, index);
    packer.add(simulateCall(plan.profile, plan.seed, index, to, plan.blacklist.has(to), plan.engine));
  }
  return packer.take(start);
}
