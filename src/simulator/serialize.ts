import type { CallRecord, TimelineEntry } from '../../machines/record.js';
import { ByteWriter } from './bytes.js';
import { writeJsonBody, writeJsonHead } from './json-bytes.js';
import type { CampaignRecord } from './record.js';

/**
 * Record serializers for the fixed shape of a `CampaignRecord`, writing UTF-8 bytes (bytes.ts says
 * why). The JSON is exactly what `JSON.stringify(record)` writes: test/simulator/serialize.test.ts
 * checks it on random records, odd strings and numbers included.
 */

const decoder = new TextDecoder();

/**
 * One record as JSON, the same text as `JSON.stringify(record)`.
 *
 * @example
 * recordToJson(record) === JSON.stringify(record); // → true
 */
export function recordToJson(r: CampaignRecord): string {
  const out = new ByteWriter(1024);
  writeJsonHead(out, r.index, r.startAt, r.channel);
  writeJsonBody(out, r, r.fault);
  return decoder.decode(out.view());
}

/** The CSV columns, in order; `path` is the states the call went through, joined by `>`. */
export const RECORD_CSV_COLUMNS = [
  'index',
  'startAt',
  'channel',
  'callId',
  'to',
  'status',
  'subStatus',
  'resultCode',
  'messagesPlayed',
  'sipCode',
  'q850',
  'startedAt',
  'ringingAt',
  'answeredAt',
  'endedAt',
  'path',
  'ignoredEvents',
  'fault',
] as const;

/** The CSV header line (with its newline). */
export const RECORD_CSV_HEADER = `${RECORD_CSV_COLUMNS.join(',')}\n`;

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A record's CSV line after its campaign fields (`index,startAt,channel,`), without the newline. */
export function recordCsvBody(r: CallRecord, fault: string | null): string {
  let path = '';
  for (let i = 0; i < r.timeline.length; i++) path += (i === 0 ? '' : '>') + (r.timeline[i] as TimelineEntry).state;
  return [
    csvField(r.callId),
    csvField(r.to),
    r.status,
    r.subStatus,
    csvField(r.resultCode),
    r.messagesPlayed,
    csvField(r.sipCode),
    csvField(r.q850),
    csvField(r.startedAt),
    csvField(r.ringingAt),
    csvField(r.answeredAt),
    r.endedAt,
    csvField(path),
    r.ignoredEvents.length,
    csvField(fault),
  ].join(',');
}

export function recordCsvHead(index: number, startAt: number, channel: number): string {
  return `${index},${startAt},${channel},`;
}

/**
 * One record as a CSV line (RFC 4180 quoting; empty for null; the count of ignored events).
 *
 * @example
 * recordToCsv(record); // → '0,0,0,call-0,+33612345678,ABSENT,NO_ANSWER,,0,180,,0,2466,,32466,initiating>dialing>ringing>noAnswer,0,'
 */
export function recordToCsv(r: CampaignRecord): string {
  return recordCsvHead(r.index, r.startAt, r.channel) + recordCsvBody(r, r.fault);
}

/** The two record file formats. */
export type RecordTextFormat = 'jsonl' | 'csv';

/** How each format writes a record in two parts: the worker's (body) and the main thread's (head). */
export const RECORD_TEXT = {
  jsonl: {
    head: writeJsonHead,
    body: (out: ByteWriter, r: CallRecord, fault: string | null) => {
      writeJsonBody(out, r, fault);
      out.byte(10);
    },
  },
  csv: {
    head: (out: ByteWriter, index: number, startAt: number, channel: number) =>
      out.ascii(recordCsvHead(index, startAt, channel)),
    body: (out: ByteWriter, r: CallRecord, fault: string | null) => {
      out.utf8(recordCsvBody(r, fault));
      out.byte(10);
    },
  },
} as const;
