import { callMachine } from '../../machines/call.machine.js';
import { parseCallInput } from '../../machines/input.js';
import { describeValue, formatInputError } from '../../machines/result.js';
import type { SavedFastCall } from '../call/fast/fast-call.js';
import { LiveCallsError } from './errors.js';

/**
 * One live call saved: when it started on the host clock, and its whole state as the engine
 * keeps it. That state is plain JSON for `LiveCalls.restore` to read back; its shape is the
 * internal engine's, not an API.
 */
export interface SavedLiveCall {
  readonly startedAt: number;
  readonly call: { readonly [field: string]: unknown };
}

/** A saved call that `checkSaved` accepted: its state is the engine's again. */
export interface CheckedLiveCall {
  readonly startedAt: number;
  readonly call: SavedFastCall;
}

/**
 * Every live call of a `LiveCalls`, as plain JSON (`JSON.stringify` it as it is). Its times are
 * on the host clock (`Date.now()` by default), so a restore in another process finds how long
 * nothing ran.
 */
export interface SavedLiveCalls {
  readonly version: 1;
  readonly savedAt: number;
  /** How many call ids were generated, so that a restored runtime does not give one out again. */
  readonly generatedIds: number;
  readonly calls: readonly SavedLiveCall[];
}

function invalid(path: string, message: string): LiveCallsError {
  return new LiveCallsError('invalid-saved', `${path}: ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A leaf state of the call machine that is not final (getStateNodeById throws for an unknown id). */
function isStateInProgress(state: unknown): boolean {
  if (typeof state !== 'string') return false;
  try {
    const node = callMachine.getStateNodeById(`call.${state}`);
    return node.type === 'atomic';
  } catch {
    return false;
  }
}

function checkCall(value: unknown, path: string): CheckedLiveCall {
  if (!isObject(value) || !isTime(value.startedAt) || !isObject(value.call)) {
    throw invalid(path, `expected { startedAt, call }, got ${describeValue(value)}`);
  }
  const call = value.call;
  const config = parseCallInput(call.config, `${path}.call.config`);
  if (!config.ok) throw new LiveCallsError('invalid-saved', formatInputError(config.error));
  const state = call.state;
  if (!isStateInProgress(state))
    throw invalid(`${path}.call.state`, `expected a state of a call in progress, got ${describeValue(state)}`);
  for (const key of ['clock', 'now', 'messagesPlayed'] as const) {
    if (!isTime(call[key])) throw invalid(`${path}.call.${key}`, `expected a number, got ${describeValue(call[key])}`);
  }
  for (const key of ['timeline', 'ignoredEvents'] as const) {
    if (!Array.isArray(call[key])) throw invalid(`${path}.call.${key}`, 'expected an array');
  }
  return value as unknown as CheckedLiveCall;
}

/** Checks what `LiveCalls.restore` was given: a damaged save is one clear error, not a broken call. */
export function checkSaved(value: unknown): SavedLiveCalls & { readonly calls: readonly CheckedLiveCall[] } {
  if (!isObject(value) || value.version !== 1) {
    throw invalid('saved', `expected what LiveCalls.save() gives ({ version: 1, … }), got ${describeValue(value)}`);
  }
  if (!isTime(value.savedAt)) throw invalid('saved.savedAt', `expected a time, got ${describeValue(value.savedAt)}`);
  if (!Array.isArray(value.calls)) throw invalid('saved.calls', 'expected an array');
  const generatedIds = typeof value.generatedIds === 'number' ? value.generatedIds : 0;
  const calls = value.calls.map((call, index) => checkCall(call, `saved.calls[${index}]`));
  return { version: 1, savedAt: value.savedAt, generatedIds, calls };
}
