/**
 * Live calls: the call machine in real time, for the simulators and services that embed it.
 * Browser-safe (no `node:` import). See docs/embedding.md.
 */
export { LiveCalls } from './live-calls.js';
export type { LiveCallsOptions } from './live-calls.js';
export { LiveCallsError } from './errors.js';
export type { LiveCallsErrorKind, SendError } from './errors.js';
export { systemClock } from './host-clock.js';
export type { HostClock } from './host-clock.js';
export type { LiveEvent } from './live-event.js';
export type { SavedLiveCall, SavedLiveCalls } from './saved.js';
