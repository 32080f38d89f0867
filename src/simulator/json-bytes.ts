import type { CallRecord, TimelineEntry } from '../../machines/record.js';
import type { ByteWriter } from './bytes.js';

/**
 * A call record's JSON written straight as UTF-8 bytes, exactly as `JSON.stringify` writes it
 * (test/simulator/serialize.test.ts): the hot path of a million-record campaign. Fixed text is
 * copied as pre-encoded segments; anything unusual (escapes, fractional numbers) falls back to
 * `JSON.stringify` itself.
 */

// The hot path writes into these, after reserving room for the whole record once: no bounds
// check per field. Strings that are not plain printable ASCII go through JSON.stringify instead.
let bytes: Uint8Array = new Uint8Array(0);
let at = 0;

function ascii(text: string): void {
  for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
}

const encoder = new TextEncoder();
/** Fixed text as bytes, copied in one `set` (far cheaper than byte by byte for long runs). */
const segment = (text: string) => encoder.encode(text);
const STATE_KEY = new Map<string, Uint8Array | null>();
/** An entry's event and what follows it: the next entry's start, or the end of the timeline. */
const EVENT_THEN_NEXT = new Map<string, Uint8Array | null>();
const EVENT_THEN_END = new Map<string, Uint8Array | null>();
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

/** `,"state":"<state>","event":` or `"<event>"},{"at":` as bytes; null when the name needs escapes. */
function cached(map: Map<string, Uint8Array | null>, name: string, before: string, after: string): Uint8Array | null {
  let bytes = map.get(name);
  if (bytes === undefined) {
    bytes = PLAIN.test(name) ? segment(`${before}"${name}"${after}`) : null;
    if (map.size < 4096) map.set(name, bytes);
  }
  return bytes;
}

function copy(piece: Uint8Array): void {
  const length = piece.length;
  if (length > 32) {
    bytes.set(piece, at);
    at += length;
    return;
  }
  // For a short piece, a loop beats the call into `set`.
  for (let i = 0; i < length; i++) bytes[at++] = piece[i] as number;
}

const HEAD_TIMELINE = segment(',"timeline":[');
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
  if (byResult === undefined) OUTCOMES.set(r.subStatus, (byResult = new Map()));
  let bytes = byResult.get(r.resultCode);
  if (bytes === undefined) {
    bytes = segment(
      `,"status":"${r.status}","subStatus":"${r.subStatus}","resultCode":${r.resultCode === null ? 'null' : `"${r.resultCode}"`},"messagesPlayed":`,
    );
    byResult.set(r.resultCode, bytes);
  }
  return bytes;
}

/** A JSON string of plain printable ASCII, or false (and nothing written) for anything else. */
function plainString(text: string): boolean {
  const start = at;
  bytes[at++] = 34;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || code === 34 || code === 92) {
      at = start;
      return false;
    }
    bytes[at++] = code;
  }
  bytes[at++] = 34;
  return true;
}

function integer(value: number): void {
  if (value < 0) {
    bytes[at++] = 45;
    value = -value;
  }
  if (value < 10) {
    bytes[at++] = 48 + value;
    return;
  }
  const start = at;
  while (value > 0) {
    bytes[at++] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
  for (let i = start, j = at - 1; i < j; i++, j--) {
    const swap = bytes[i] as number;
    bytes[i] = bytes[j] as number;
    bytes[j] = swap;
  }
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

/**
 * Writes a record's JSON after its campaign fields: `"callId":…,"fault":…}`. Workers write this
 * part; the main thread, which assigns channels, writes the head (`writeJsonHead`).
 */
export function writeJsonBody(out: ByteWriter, r: CallRecord, fault: string | null): void {
  const { timeline } = r;
  // Fractional or huge numbers: rare (scenarios, not sampled calls), so the exact standard path.
  if (!allSafeIntegers(r)) return fallback(out, r, fault);
  out.reserve(roomFor(r));
  bytes = out.bytes;
  at = out.length;
  ascii('"callId":');
  if (!plainString(r.callId)) return fallback(out, r, fault);
  ascii(',"to":');
  if (!plainString(r.to)) return fallback(out, r, fault);
  copy(outcomeSegment(r));
  integer(r.messagesPlayed);
  copy(KEY_SIP);
  if (r.sipCode === null) ascii('null');
  else integer(r.sipCode);
  copy(KEY_Q850);
  if (r.q850 === null) ascii('null');
  else integer(r.q850);
  copy(KEY_STARTED);
  if (r.startedAt === null) ascii('null');
  else integer(r.startedAt);
  copy(KEY_RINGING);
  if (r.ringingAt === null) ascii('null');
  else integer(r.ringingAt);
  copy(KEY_ANSWERED);
  if (r.answeredAt === null) ascii('null');
  else integer(r.answeredAt);
  copy(KEY_ENDED);
  integer(r.endedAt);
  copy(HEAD_TIMELINE);
  if (timeline.length === 0) ascii('],"ignoredEvents":');
  else ascii('{"at":');
  const last = timeline.length - 1;
  for (let i = 0; i <= last; i++) {
    const entry = timeline[i] as TimelineEntry;
    integer(entry.at);
    const state = cached(STATE_KEY, entry.state, ',"state":', ',"event":');
    const event =
      i === last
        ? cached(EVENT_THEN_END, entry.event, '', '}],"ignoredEvents":')
        : cached(EVENT_THEN_NEXT, entry.event, '', '},{"at":');
    if (state === null || event === null) return fallback(out, r, fault);
    copy(state);
    copy(event);
  }
  out.length = at;
  // Rare, and their optional fields make the shape vary: the standard serializer is exact.
  if (r.ignoredEvents.length === 0) out.ascii('[]');
  else out.utf8(JSON.stringify(r.ignoredEvents));
  out.ascii(',"fault":');
  if (fault === null) out.ascii('null');
  else out.jsonString(fault);
  out.byte(125);
}

/** A string needing escapes: rewrite the whole body with the standard serializer. */
function fallback(out: ByteWriter, r: CallRecord, fault: string | null): void {
  const {
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
  } = r;
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
  out.utf8(JSON.stringify(body).slice(1));
}

/** Writes a record's JSON up to its campaign fields: `{"index":…,"startAt":…,"channel":…,`. */
export function writeJsonHead(out: ByteWriter, index: number, startAt: number, channel: number): void {
  if (!Number.isSafeInteger(startAt)) {
    out.ascii(`{"index":${index},"startAt":${JSON.stringify(startAt)},"channel":${channel},`);
    return;
  }
  out.reserve(80);
  bytes = out.bytes;
  at = out.length;
  ascii('{"index":');
  integer(index);
  ascii(',"startAt":');
  integer(startAt);
  ascii(',"channel":');
  integer(channel);
  bytes[at++] = 44;
  out.length = at;
}
