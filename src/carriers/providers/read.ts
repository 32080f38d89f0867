import type { CallEventType } from '../../../machines/events.js';
import { isE164 } from '../../../machines/input.js';
import { describeValue } from '../../../machines/result.js';
import { EVENT_CLASSES } from '../event-classes.js';
import type { PolicyId } from '../policies.js';
import { q850CauseOf } from '../q850.js';
import { sipCodeOf } from '../sip.js';
import type { CallbackMapping, MappedEvent, ProviderName, ProviderRow, Unmapped } from './types.js';

/** Helpers for reading provider payloads: every read is total (any JSON in, a value or null out). */

export { isRecord } from '../../../machines/result.js';

/** A field as a non-empty string (numbers and booleans are accepted: form posts send text, JSON bodies do not). */
export function text(record: Record<string, unknown>, key: string): string | null {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A field as a finite number (or a numeric string). */
export function numeric(record: Record<string, unknown>, key: string): number | null {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  const number = typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

export function sipField(record: Record<string, unknown>, key: string): number | null {
  return sipCodeOf(Object.hasOwn(record, key) ? record[key] : undefined);
}

export function causeField(record: Record<string, unknown>, key: string): number | null {
  return q850CauseOf(Object.hasOwn(record, key) ? record[key] : undefined);
}

const SPACE_SEPARATED = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date string (ISO 8601, RFC 2822, or `YYYY-MM-DD HH:MM:SS` read as UTC) as ms since the epoch.
 * A date without a zone is read as UTC so the result does not depend on the machine's time zone.
 */
export function dateMs(value: string | null): number | null {
  if (value === null) return null;
  // A log in arrival order repeats each second's timestamp for every callback in that second.
  if (value === lastDate.text) return lastDate.ms;
  const ms = parseDate(value);
  lastDate = { text: value, ms };
  return ms;
}

let lastDate: { readonly text: string; readonly ms: number | null } = { text: '', ms: null };

function parseDate(value: string): number | null {
  const spaced = SPACE_SEPARATED.exec(value);
  const iso = spaced === null ? value : `${spaced[1]}T${spaced[2]}${spaced[3] ?? 'Z'}`;
  const zoneless = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso);
  const parsed = Date.parse(zoneless ? `${iso}Z` : iso);
  return Number.isFinite(parsed) ? parsed : null;
}

/** A destination number as E.164 (`+` added to bare digits, as Vonage and Plivo send them), or null. */
export function e164(value: string | null): string | null {
  if (value === null) return null;
  // Already E.164, as most providers send it.
  const sent: unknown = value;
  if (isE164(sent)) return sent;
  const candidate = value.replace(/^tel:/, '').replace(/^sip:/, '').split('@')[0] ?? '';
  const withPlus = /^\d+$/.test(candidate) ? `+${candidate}` : candidate;
  return isE164(withPlus) ? withPlus : null;
}

/** Rows indexed by field and value, for the normalizers. */
export function indexRows(rows: readonly ProviderRow[]): (field: string, value: string) => ProviderRow | undefined {
  // By field, then value: a lookup builds no key string (one per field read of every callback).
  const index = new Map<string, Map<string, ProviderRow>>();
  for (const row of rows) {
    let values = index.get(row.field);
    if (values === undefined) {
      values = new Map();
      index.set(row.field, values);
    }
    values.set(row.value, row);
  }
  return (field, value) => index.get(field)?.get(value);
}

/** The event list of a row, with the codes a carrier event should carry. */
export function eventsOf(
  types: readonly CallEventType[],
  codes: { sipCode?: number | null; q850?: number | null } = {},
): MappedEvent[] {
  const events: MappedEvent[] = [];
  const coded = codes.sipCode != null || codes.q850 != null;
  for (const type of types) {
    if (!coded || !type.startsWith('carrier.')) {
      events.push(plainEvent(type));
      continue;
    }
    const event: { type: CallEventType; sipCode?: number; q850?: number } = { type };
    if (codes.sipCode != null) event.sipCode = codes.sipCode;
    if (codes.q850 != null) event.q850 = codes.q850;
    events.push(event as MappedEvent);
  }
  return events;
}

/**
 * An event that is only its type, one frozen object per type: callbacks held while their call is
 * open share it instead of each holding a copy.
 */
const PLAIN_EVENTS = new Map<CallEventType, MappedEvent>();

function plainEvent(type: CallEventType): MappedEvent {
  let event = PLAIN_EVENTS.get(type);
  if (event === undefined) {
    event = Object.freeze({ type }) as MappedEvent;
    PLAIN_EVENTS.set(type, event);
  }
  return event;
}

/**
 * Nothing to report: one shared empty list, so a callback without unmapped values or policies
 * (most of them) allocates none. Frozen, so a slip that pushes to it throws instead of leaking.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** A lone policy, one frozen list per id: most callbacks that rely on a policy rely on one. */
const ALONE = new Map<PolicyId, readonly PolicyId[]>();

function withPolicy(policies: readonly PolicyId[], id: PolicyId): readonly PolicyId[] {
  if (policies.length > 0) return [...policies, id];
  let alone = ALONE.get(id);
  if (alone === undefined) {
    alone = Object.freeze([id]);
    ALONE.set(id, alone);
  }
  return alone;
}

const SIDES = new WeakMap<ProviderRow, 'before' | 'after' | 'both'>();

/** The side a row's policy is about (see `rowPolicy`), worked out once per row. */
function policySide(row: ProviderRow): 'before' | 'after' | 'both' {
  let side = SIDES.get(row);
  if (side === undefined) {
    const same = row.before.length === row.after.length && row.before.every((type, index) => row.after[index] === type);
    side = same ? 'both' : row.before.length > 0 ? 'before' : 'after';
    SIDES.set(row, side);
  }
  return side;
}

/** Collects what a normalizer found while it reads one callback. */
export class MappingBuilder {
  unmapped: readonly Unmapped[] = NONE;
  policiesBeforePickup: readonly PolicyId[] = NONE;
  policiesAfterPickup: readonly PolicyId[] = NONE;

  constructor(private readonly provider: ProviderName) {}

  /** Notes a policy the events of one side (or both) rely on. */
  policy(id: PolicyId | undefined, side: 'before' | 'after' | 'both' = 'both'): void {
    if (id === undefined) return;
    if (side !== 'after' && !this.policiesBeforePickup.includes(id))
      this.policiesBeforePickup = withPolicy(this.policiesBeforePickup, id);
    if (side !== 'before' && !this.policiesAfterPickup.includes(id))
      this.policiesAfterPickup = withPolicy(this.policiesAfterPickup, id);
  }

  /**
   * Notes a row's policy for the side it is about: both when the row means the same either side,
   * else the side before pickup when the row has events there (a cause, an implied answer), else after.
   */
  rowPolicy(row: ProviderRow | undefined): void {
    if (row?.policy === undefined) return;
    this.policy(row.policy, policySide(row));
  }

  unknown(field: string, value: unknown): void {
    this.unmapped = [...this.unmapped, { kind: 'unmapped', provider: this.provider, field, value }];
    this.policy('unmapped');
  }

  /** The callback read: what the provider's reader found, with this builder's unmapped fields and policies. */
  mapping(
    read: Omit<CallbackMapping, 'provider' | 'unmapped' | 'policiesBeforePickup' | 'policiesAfterPickup'>,
  ): CallbackMapping {
    const { unmapped, policiesBeforePickup, policiesAfterPickup } = this;
    // Asterisk's flag, rare: the general copy keeps it in its place.
    if (read.endingAwaitsCause !== undefined)
      return { provider: this.provider, ...read, unmapped, policiesBeforePickup, policiesAfterPickup };
    // Fields named, not spread: a spread copies by a slow generic path, and this runs per callback
    // (a field added to CallbackMapping must be named here too).
    return {
      provider: this.provider,
      callId: read.callId,
      to: read.to,
      sequence: read.sequence,
      timeMs: read.timeMs,
      beforePickup: read.beforePickup,
      afterPickup: read.afterPickup,
      unmapped,
      policiesBeforePickup,
      policiesAfterPickup,
    };
  }
}

/** The message for a payload that is not a callback of this provider. */
export function notACallback(provider: string, expected: string, payload: unknown): string {
  return `not a ${provider} callback: expected ${expected}, got ${describeValue(payload)}`;
}

/** Events that end a call (before or after pickup), read from the machine. */
export const ENDING: ReadonlySet<string> = EVENT_CLASSES.ending;

/**
 * Adds the ring a cause-19 no-answer reports (policy `alerted-cause`): `carrier.ringing` before a
 * `carrier.noAnswer` carrying Q.850 cause 19.
 */
export function withAlertedRing(events: readonly MappedEvent[], builder: MappingBuilder): MappedEvent[] {
  const index = events.findIndex((event) => event.type === 'carrier.noAnswer' && 'q850' in event && event.q850 === 19);
  if (index === -1) return [...events];
  builder.policy('alerted-cause', 'before');
  return [...events.slice(0, index), { type: 'carrier.ringing' }, ...events.slice(index)];
}

/** Puts detection events (AMD, beep) after a status's progress events and before its ending ones. */
export function withDetection(
  status: readonly MappedEvent[],
  detection: readonly MappedEvent[],
): readonly MappedEvent[] {
  if (detection.length === 0 && endingsLast(status)) return status;
  const events: MappedEvent[] = [];
  for (const event of status) if (!ENDING.has(event.type)) events.push(event);
  for (const event of detection) events.push(event);
  for (const event of status) if (ENDING.has(event.type)) events.push(event);
  return events;
}

/** Whether no progress event comes after an ending one: the order `withDetection` gives. */
function endingsLast(events: readonly MappedEvent[]): boolean {
  let ended = false;
  for (const event of events) {
    if (ENDING.has(event.type)) ended = true;
    else if (ended) return false;
  }
  return true;
}

/** A provider row, spelled briefly: `before` and `after` default to the same list. */
export function providerRow(
  field: string,
  value: string,
  before: readonly CallEventType[],
  extra: { after?: readonly CallEventType[]; policy?: PolicyId; note?: string } = {},
): ProviderRow {
  return {
    field,
    value,
    before,
    after: extra.after ?? before,
    ...(extra.policy === undefined ? {} : { policy: extra.policy }),
    ...(extra.note === undefined ? {} : { note: extra.note }),
  };
}
