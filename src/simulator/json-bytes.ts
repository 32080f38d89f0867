import type { CallRecord, IgnoredEvent, TimelineEntry } from '../../machines/record.js';
import { type ByteWriter, CLOSE_BRACE, CLOSE_BRACKET, COMMA, INTEGER_ROOM, OPEN_BRACKET } from './bytes.js';

/**
 * A call record's JSON written straight as UTF-8 bytes, exactly as `JSON.stringify` writes it
 * (test/simulator/serialize.test.ts): the hot path of a million-record campaign. Fixed text is
 * copied as pre-encoded segments after one `reserve` for the whole record; anything unusual
 * (escapes, fractional numbers) falls back to `JSON.stringify` itself.
 */

const encoder = new TextEncoder();
/** Fixed text as bytes, copied in one `set` (far cheaper than byte by byte for long runs). */
const segment = (text: string) => encoder.encode(text);
const STATE_KEY = new Map<string, Uint8Array | null>();
/** An entry's event and what follows it: the next entry's start, or the end of the timeline. */
const EVENT_THEN_NEXT = new Map<string, Uint8Array | null>();
const EVENT_THEN_END = new Map<string, Uint8Array | null>();
/** A name that needs no escape in a JSON string: printable ASCII but `"` and `\`. */
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;
/** State and event names are a machine's, so few; the cap only guards against a hostile machine. */
const MAX_CACHED_NAMES = 4096;

/** `,"state":"<state>","event":` or `"<event>"},{"at":` as bytes; null when the name needs escapes. */
function cached(map: Map<string, Uint8Array | null>, name: string, before: string, after: string): Uint8Array | null {
  let bytes = map.get(name);
  if (bytes === undefined) {
    bytes = PLAIN.test(name) ? segment(`${before}"${name}"${after}`) : null;
    if (map.size < MAX_CACHED_NAMES) map.set(name, bytes);
  }
  return bytes;
}

const KEY_TIMELINE = segment(',"timeline":[');
const KEY_SIP = segment(',"sipCode":');
const KEY_Q850 = segment(',"q850":');
const KEY_STARTED = segment(',"startedAt":');
const KEY_RINGING = segment(',"ringingAt":');
const KEY_ANSWERED = segment(',"answeredAt":');
const KEY_ENDED = segment(',"endedAt":');
const OUTCOMES = new Map<string, Map<string | null, Uint8Array>>();

/** `,"status":…,"subStatus":…,"resultCode":…,"messagesPlayed":` as bytes, per outcome. */
function outcomeSegment(r: CallRecord): Uint8Array {
  let byResult = OUTCOMES.get(r.subStatus);
  if (byResult === undefined) {
    byResult = new Map();
    OUTCOMES.set(r.subStatus, byResult);
  }
  let bytes = byResult.get(r.resultCode);
  if (bytes === undefined) {
    const resultCode = r.resultCode === null ? 'null' : `"${r.resultCode}"`;
    bytes = segment(
      `,"status":"${r.status}","subStatus":"${r.subStatus}","resultCode":${resultCode},"messagesPlayed":`,
    );
    byResult.set(r.resultCode, bytes);
  }
  return bytes;
}

function safe(value: number | null): boolean {
  return value === null || Number.isSafeInteger(value);
}

function allSafeIntegers(r: CallRecord): boolean {
  if (
    !Number.isSafeInteger(r.endedAt) ||
    !safe(r.sipCode) ||
    !safe(r.q850) ||
    !safe(r.startedAt) ||
    !safe(r.ringingAt) ||
    !safe(r.answeredAt)
  )
    return false;
  for (let i = 0; i < r.timeline.length; i++)
    if (!Number.isSafeInteger((r.timeline[i] as TimelineEntry).at)) return false;
  return true;
}

/** Room for the record's fixed text, its numbers, and its strings when plain. */
function roomFor(r: CallRecord): number {
  let room = 512 + r.callId.length + r.to.length;
  for (const entry of r.timeline) room += 64 + entry.state.length + entry.event.length;
  return room;
}

/** `"callId":…` to the end of the timeline; false (with a partial write) when a string needs escapes. */
function writeCommonFields(out: ByteWriter, r: CallRecord): boolean {
  out.reserve(roomFor(r));
  out.putAscii('"callId":');
  if (!out.putPlainString(r.callId)) return false;
  out.putAscii(',"to":');
  if (!out.putPlainString(r.to)) return false;
  out.putBytes(outcomeSegment(r));
  out.putInteger(r.messagesPlayed);
  out.putBytes(KEY_SIP);
  out.putNullableInteger(r.sipCode);
  out.putBytes(KEY_Q850);
  out.putNullableInteger(r.q850);
  out.putBytes(KEY_STARTED);
  out.putNullableInteger(r.startedAt);
  out.putBytes(KEY_RINGING);
  out.putNullableInteger(r.ringingAt);
  out.putBytes(KEY_ANSWERED);
  out.putNullableInteger(r.answeredAt);
  out.putBytes(KEY_ENDED);
  out.putInteger(r.endedAt);
  out.putBytes(KEY_TIMELINE);
  const { timeline } = r;
  if (timeline.length === 0) out.putAscii('],"ignoredEvents":');
  else out.putAscii('{"at":');
  const last = timeline.length - 1;
  for (let i = 0; i <= last; i++) {
    const entry = timeline[i] as TimelineEntry;
    out.putInteger(entry.at);
    const state = cached(STATE_KEY, entry.state, ',"state":', ',"event":');
    const event =
      i === last
        ? cached(EVENT_THEN_END, entry.event, '', '}],"ignoredEvents":')
        : cached(EVENT_THEN_NEXT, entry.event, '', '},{"at":');
    if (state === null || event === null) return false;
    out.putBytes(state);
    out.putBytes(event);
  }
  return true;
}

/**
 * Writes a call record's own fields as JSON, `"callId":…,"ignoredEvents":[…]`, without braces: the
 * part every record that extends `CallRecord` shares (campaign records here, `normalize`'s records
 * in the CLI). Returns false, having written nothing, when the record needs the standard serializer
 * (fractional or huge numbers, strings needing escapes: rare), which the caller then uses.
 */
export function writeCallRecordFields(out: ByteWriter, r: CallRecord): boolean {
  const start = out.length;
  if (!allSafeIntegers(r) || !writeCommonFields(out, r)) {
    out.length = start;
    return false;
  }
  const before = out.length;
  if (!writeIgnoredEvents(out, r.ignoredEvents)) {
    out.length = before;
    out.utf8(JSON.stringify(r.ignoredEvents));
  }
  return true;
}

/** Common in provider logs (redeliveries), rare in campaigns: one `reserve` for the list. */
function roomForIgnored(events: readonly IgnoredEvent[]): number {
  let room = 2;
  for (const event of events) room += 64 + 3 * INTEGER_ROOM + event.state.length + event.event.length;
  return room;
}

/**
 * The ignored events in the one key order every producer builds them in (the machine's
 * `ignoreEvent`, the fast engine, `CallSession`'s late events): `at`, `state`, `event`, then
 * `sipCode` and `q850` when present. False (with a partial write) when something needs escapes or
 * is not a safe integer: the caller uses the standard serializer.
 */
function writeIgnoredEvents(out: ByteWriter, events: readonly IgnoredEvent[]): boolean {
  if (events.length === 0) {
    out.ascii('[]');
    return true;
  }
  out.reserve(roomForIgnored(events));
  out.putByte(OPEN_BRACKET);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as IgnoredEvent;
    const { sipCode, q850 } = event;
    if (
      !Number.isSafeInteger(event.at) ||
      (sipCode !== undefined && !Number.isSafeInteger(sipCode)) ||
      (q850 !== undefined && !Number.isSafeInteger(q850))
    )
      return false;
    if (i > 0) out.putByte(COMMA);
    out.putAscii('{"at":');
    out.putInteger(event.at);
    out.putAscii(',"state":');
    if (!out.putPlainString(event.state)) return false;
    out.putAscii(',"event":');
    if (!out.putPlainString(event.event)) return false;
    if (sipCode !== undefined) {
      out.putAscii(',"sipCode":');
      out.putInteger(sipCode);
    }
    if (q850 !== undefined) {
      out.putAscii(',"q850":');
      out.putInteger(q850);
    }
    out.putByte(CLOSE_BRACE);
  }
  out.putByte(CLOSE_BRACKET);
  return true;
}

/**
 * Writes a record's JSON after its campaign fields: `"callId":…,"fault":…}`. Workers write this
 * part; the main thread, which assigns channels, writes the head (`writeJsonHead`).
 */
export function writeJsonBody(out: ByteWriter, r: CallRecord, fault: string | null): void {
  if (!writeCallRecordFields(out, r)) {
    writeStandardBody(out, r, fault);
    return;
  }
  out.ascii(',"fault":');
  if (fault === null) out.ascii('null');
  else out.jsonString(fault);
  out.byte(CLOSE_BRACE);
}

/** The body through the standard serializer, in the same field order. */
function writeStandardBody(out: ByteWriter, r: CallRecord, fault: string | null): void {
  const { callId, to, status, subStatus, resultCode, messagesPlayed, sipCode, q850 } = r;
  const { startedAt, ringingAt, answeredAt, endedAt, timeline, ignoredEvents } = r;
  const body = {
    callId,
    to,
    status,
    subStatus,
    resultCode,
    messagesPlayed,
    sipCode,
    q850,
    startedAt,
    ringingAt,
    answeredAt,
    endedAt,
    timeline,
    ignoredEvents,
    fault,
  };
  // Without its opening brace: the head wrote it.
  out.utf8(JSON.stringify(body).slice(1));
}

/** Writes a record's JSON up to its campaign fields: `{"index":…,"startAt":…,"channel":…,`. */
export function writeJsonHead(out: ByteWriter, index: number, startAt: number, channel: number): void {
  if (!Number.isSafeInteger(startAt)) {
    out.ascii(`{"index":${index},"startAt":${JSON.stringify(startAt)},"channel":${channel},`);
    return;
  }
  out.reserve(32 + 3 * INTEGER_ROOM);
  out.putAscii('{"index":');
  out.putInteger(index);
  out.putAscii(',"startAt":');
  out.putInteger(startAt);
  out.putAscii(',"channel":');
  out.putInteger(channel);
  out.putByte(COMMA);
}
