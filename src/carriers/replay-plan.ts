import { type CallConfig, isE164, parseCallInput } from '../../machines/input.js';
import type { Result } from '../../machines/result.js';
import { PROVIDER_TIMEOUTS } from './event-classes.js';
import { fastEngine, type ReplayEngine } from './replay-engine.js';
import type { ReplayOptions } from './replay.js';

/** The most a replay timer may wait: the provider's own timers decide, ours only stop a runaway call. */
const PROVIDER_DECIDES_MS = 24 * 60 * 60 * 1000;
const TIMEOUTS = Object.fromEntries(PROVIDER_TIMEOUTS.map((name) => [name, PROVIDER_DECIDES_MS]));

/** A number `parseCallInput` accepts, standing in for the call's own while the shared part is parsed. */
const STAND_IN_NUMBER = '+10000000000';

/**
 * What replaying a log's calls shares: the options, the engine, and the call input they give,
 * parsed once per log instead of once per call. Only the call's id, number and whether it has
 * detection differ from call to call, and `parseCallInput` checks the id and number before
 * anything else, so parsing the rest once gives each call the config (or the error) its own
 * parse would.
 */
export class ReplayPlan {
  /** The parsed input with the messages as given, and with the messages untimed (provider-playback). */
  private readonly shared: [Result<CallConfig> | null, Result<CallConfig> | null] = [null, null];

  constructor(
    readonly options: ReplayOptions,
    readonly engine: ReplayEngine = fastEngine,
  ) {}

  /**
   * A call's input: the provider's own timers decide when it gave up, and where the provider says
   * when playback ended it decides when each message ended too, so the messages play untimed
   * (policy provider-playback).
   */
  input(callId: string, to: string, amd: boolean, providerPlayback: boolean) {
    const { messages, voicemail } = this.options;
    return {
      callId,
      to,
      messages: providerPlayback ? messages.map(({ id }) => ({ id })) : messages,
      amd,
      voicemail: voicemail ?? 'leave',
      timeouts: TIMEOUTS,
    };
  }

  /** `parseCallInput(this.input(…), 'call')`, with the part every call shares parsed once. */
  config(callId: string, to: string, amd: boolean, providerPlayback: boolean): Result<CallConfig> {
    if (callId === '' || !isE164(to)) return parseCallInput(this.input(callId, to, amd, providerPlayback), 'call');
    const slot = providerPlayback ? 1 : 0;
    let shared = this.shared[slot];
    if (shared === null) {
      shared = parseCallInput(this.input('call', STAND_IN_NUMBER, true, providerPlayback), 'call');
      this.shared[slot] = shared;
    }
    if (!shared.ok) return shared;
    const { messages, blacklisted, voicemail, timeouts } = shared.value;
    return { ok: true, value: { callId, to, messages, blacklisted, amd, voicemail, timeouts } };
  }
}
