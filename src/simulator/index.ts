/**
 * The campaign simulator's browser-safe API (the worker threads, files and CLI live in
 * src/simulator/node/ and src/cli/). See docs/simulator.md.
 */
export { BATCH_SIZE, simulateBatches, simulateCampaign } from './campaign.js';
export type { CampaignBatch } from './campaign.js';
export { Channels } from './channels.js';
export { DEFAULT_PROFILE } from './default-profile.js';
export { MAX_SAMPLE_MS, parseDistribution, sampleMs } from './distribution.js';
export type { Distribution } from './distribution.js';
export { ENGINES, runFast, runWithXState } from './engine/engines.js';
export type { CallEngine, EngineName } from './engine/engines.js';
export { NUMBER_COLUMNS, parseNumberList } from './numbers.js';
export { DEFAULT_CALLS, DEFAULT_CONCURRENCY, DEFAULT_SEED, numberAt, planCampaign } from './plan.js';
export type { CampaignOptions, CampaignPlan } from './plan.js';
export { CallRandom, seedHash } from './prng.js';
export { AMD_VERDICTS, CARRIER_OUTCOMES, parseProfile } from './profile.js';
export type { AmdVerdict, CarrierOutcome, Profile, Shares } from './profile.js';
export type { CampaignRecord } from './record.js';
export { callIdOf, sampleCall } from './sampler.js';
export type { SampledCall } from './sampler.js';
export { RECORD_CSV_COLUMNS, RECORD_CSV_HEADER, recordToCsv, recordToJson } from './serialize.js';
export { generatedNumber, simulateCall } from './simulate-call.js';
export type { SimulatedCall } from './simulate-call.js';
