import type { IgnoredEvent, TimelineEntry } from '../call/record.js';
import type { CampaignRecord } from './record.js';

/**
 * Record serializers for the fixed shape of a `CampaignRecord`. `recordToJson` writes exactly what
 * `JSON.stringify(record)` writes (test/simulator/serialize.test.ts checks it on random records)
 * in a third of the time: a million records a run make the serializer the bottleneck.
 */

const quoted = new Map<string, string>();

/** A JSON string literal; the machine's few state and event names are quoted once and kept. */
function quote(text: string): string {
  let literal = quoted.get(text);
  if (literal === undefined) {
    literal = JSON.stringify(text);
    if (quoted.size < 10_000) quoted.set(text, literal);
  }
  return literal;
}

function nullable(value: number | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

function timelineJson(timeline: readonly TimelineEntry[]): string {
  let out = '[';
  for (let i = 0; i < timeline.length; i++) {
    const entry = timeline[i] as TimelineEntry;
    out += `${i === 0 ? '' : ','}{"at":${JSON.stringify(entry.at)},"state":${quote(entry.state)},"event":${quote(entry.event)}}`;
  }
  return `${out}]`;
}

function ignoredJson(events: readonly IgnoredEvent[]): string {
  if (events.length === 0) return '[]';
  // Rare, and their optional fields make the shape vary: the standard serializer is exact.
  return JSON.stringify(events);
}

/**
 * One record as JSON, the same text as `JSON.stringify(record)`.
 *
 * @example
 * recordToJson(record) === JSON.stringify(record); // → true
 */
export function recordToJson(r: CampaignRecord): string {
  return (
    `{"index":${r.index},"startAt":${JSON.stringify(r.startAt)},"channel":${r.channel},"callId":${quote(r.callId)},"to":${quote(r.to)}` +
    `,"status":"${r.status}","subStatus":"${r.subStatus}","resultCode":${r.resultCode === null ? 'null' : `"${r.resultCode}"`}` +
    `,"messagesPlayed":${r.messagesPlayed},"sipCode":${nullable(r.sipCode)},"q850":${nullable(r.q850)}` +
    `,"startedAt":${nullable(r.startedAt)},"ringingAt":${nullable(r.ringingAt)},"answeredAt":${nullable(r.answeredAt)},"endedAt":${JSON.stringify(r.endedAt)}` +
    `,"timeline":${timelineJson(r.timeline)},"ignoredEvents":${ignoredJson(r.ignoredEvents)},"fault":${r.fault === null ? 'null' : JSON.stringify(r.fault)}}`
  );
}

/** The CSV columns, in order; `path` is the states the call went through, joined by `>`. */
export const CSV_COLUMNS = [
  'index', 'startAt', 'channel', 'callId', 'to', 'status', 'subStatus', 'resultCode', 'messagesPlayed', 'sipCode', 'q850',
  'startedAt', 'ringingAt', 'answeredAt', 'endedAt', 'path', 'ignoredEvents', 'fault',
] as const;

/** The CSV header line (with its newline). */
export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\n`;

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One record as a CSV line (RFC 4180 quoting; empty for null; the count of ignored events).
 *
 * @example
 * recordToCsv(record); // → '0,0,0,call-0,+33612345678,ABSENT,NO_ANSWER,,0,180,,0,2466,,32466,initiating>dialing>ringing>noAnswer,0,'
 */
export function recordToCsv(r: CampaignRecord): string {
  const path = r.timeline.map((entry) => entry.state).join('>');
  return [
    r.index, r.startAt, r.channel, csvField(r.callId), csvField(r.to), r.status, r.subStatus, csvField(r.resultCode), r.messagesPlayed,
    csvField(r.sipCode), csvField(r.q850), csvField(r.startedAt), csvField(r.ringingAt), csvField(r.answeredAt), r.endedAt,
    csvField(path), r.ignoredEvents.length, csvField(r.fault),
  ].join(',');
}
