import { CallSession } from '../../src/call/session.js';
import { DEFAULT_PROFILE } from '../../src/simulator/default-profile.js';
import { seedHash } from '../../src/simulator/prng.js';
import type { CampaignRecord } from '../../src/simulator/record.js';
import { sampleCall } from '../../src/simulator/sampler.js';

/**
 * A realistic campaign for rendering tests: calls drawn from the simulator's default profile,
 * each run through the XState machine, placed on `channels` channels in order (each call takes the
 * channel that frees first). Deterministic for a seed.
 */
export function sampleCampaign(calls: number, channels: number, seed = 42): CampaignRecord[] {
  const freeAt = Array.from({ length: channels }, () => 0);
  const records: CampaignRecord[] = [];
  for (let index = 0; index < calls; index += 1) {
    const { input, events } = sampleCall(
      DEFAULT_PROFILE,
      seedHash(seed),
      index,
      `+3361234${String(index).padStart(4, '0')}`,
      false,
    );
    const session = CallSession.start(input);
    for (const event of events) session.send(event);
    session.settle();
    const record = session.record();
    if (record === null) throw new Error(`sampled call ${index} did not end`);
    const channel = freeAt.indexOf(Math.min(...freeAt));
    const startAt = freeAt[channel] as number;
    freeAt[channel] = startAt + record.endedAt;
    records.push({ index, startAt, channel, ...record, fault: null });
  }
  return records.sort((a, b) => a.startAt - b.startAt || a.index - b.index);
}
