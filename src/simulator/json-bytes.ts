import type { CallRecord, TimelineEntry } from '../../machines/record.js';
import { type ByteWriter, CLOSE_BRACE, COMMA, INTEGER_ROOM } from './bytes.js';

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
 * Writes a record's JSON after its campaign fields: `"callId":…,"fault":…}`. Workers write this
 * part; the main thread, which assigns channels, writes the head (`writeJsonHead`).
 */
export function writeJsonBody(out: ByteWriter, r: CallRecord, fault: string | null): void {
  const start = out.length;
  // Fractional or huge numbers, or strings needing escapes: rare (scenarios, not sampled calls).
  if (!allSafeIntegers(r) || !writeCommonFields(out, r)) {
    out.length = start;
    writeStandardBody(out, r, fault);
    return;
  }
  // Rare, and their optional fields make the shape vary: the standard serializer is exact.
  if (r.ignoredEvents.length === 0) out.ascii('[]');
  else out.utf8(JSON.stringify(r.ignoredEvents));
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
