/** Carrier signals (SIP, Q.850, Reason) and provider vocabularies, mapped onto the machine's events. Browser-safe. */
export { fromSip, isSipCode, sipRowFor, SIP_CLASS_DEFAULTS, SIP_TABLE } from './sip.js';
export type { SipContext, SipEffect, SipMapping, SipRow } from './sip.js';
export { fromQ850, isQ850Cause, q850RowFor, Q850_TABLE } from './q850.js';
export type { Q850Mapping, Q850Row } from './q850.js';
export { fromCodes } from './codes.js';
export type { CarrierCodes, CodesMapping } from './codes.js';
export { parseReasonHeader, q850FromReason } from './reason-header.js';
export type { ReasonValue } from './reason-header.js';
export { POLICIES, POLICY_IDS } from './policies.js';
export type { PolicyId } from './policies.js';
export { callbackOutcome, outcomeBeforePickup } from './outcome.js';
export { PROVIDERS, PROVIDER_NAMES } from './providers/index.js';
export type {
  CallbackError,
  CallbackMapping,
  MappedEvent,
  Provider,
  ProviderName,
  ProviderRow,
  Unmapped,
} from './providers/index.js';
export { parseFormBody, readCallback } from './callback.js';
export type { CallbackBody, ProviderCallback } from './callback.js';
export { orderCallbacks } from './order.js';
export { replayCallbacks, replayProviderLog } from './replay.js';
export { ProviderLogStream } from './stream.js';
export type { StreamOptions, StreamOutput } from './stream.js';
export type { CallReplay, NormalizedRecord, RejectedCallback, ReplayOptions, ReplayResult } from './replay.js';
