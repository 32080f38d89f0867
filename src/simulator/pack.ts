import type { IgnoredEvent, TimelineEntry } from '../../machines/record.js';
import type { Channels } from './channels.js';
import type { CampaignRecord } from './record.js';
import { callIdOf } from './sampler.js';
import { ByteWriter } from './bytes.js';
import { RECORD_TEXT, type RecordTextFormat } from './serialize.js';
import type { CampaignBatch } from './campaign.js';
import type { SimulatedCall } from './simulate-call.js';

/**
 * Records packed as numbers, to cross from a worker thread to the main thread. Structured clone
 * of record objects costs ~15 µs a record here, more than simulating one; a Float64Array is
 * transferred for free, and strings (states, events, outcomes) travel once each as a table.
 * `unpack(pack(x))` deep-equals x (test/simulator/pack.test.ts).
 */

/** What one chunk of packed calls carries. */
export interface PackedChunk {
  readonly start: number;
  readonly count: number;
  readonly numbers: Float64Array;
  /** Strings first seen in this chunk, in id order (the table grows across chunks). */
  readonly strings: readonly string[];
  /** The calls' numbers joined by newlines: one string crosses threads much faster than many. */
  readonly to: string;
  /** The records' text after their campaign fields (see serialize.ts), as UTF-8; empty for none. */
  readonly bodies: Uint8Array;
  /** Where each record's body ends in `bodies`. */
  readonly bodyEnds: Int32Array;
}

const NONE = -1;

/** Writes calls in a worker; one packer per worker, its string table shared with one `Unpacker`. */
export class Packer {
  private readonly ids = new Map<string, number>();
  private fresh: string[] = [];
  private numbers = new Float64Array(1 << 16);
  private length = 0;
  private to: string[] = [];
  private bodies = new ByteWriter(1 << 20);
  private bodyEnds: number[] = [];

  constructor(private readonly format: RecordTextFormat | null) {}

  private id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
      this.fresh.push(text);
    }
    return id;
  }

  private put(value: number): void {
    if (this.length === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.length++] = value;
  }

  private putNullable(value: number | null | undefined): void {
    this.put(value === null || value === undefined ? NaN : value);
  }

  add({ record, fault }: SimulatedCall): void {
    this.put(this.id(record.status));
    this.put(this.id(record.subStatus));
    this.put(record.resultCode === null ? NONE : this.id(record.resultCode));
    this.put(record.messagesPlayed);
    this.putNullable(record.sipCode);
    this.putNullable(record.q850);
    this.putNullable(record.startedAt);
    this.putNullable(record.ringingAt);
    this.putNullable(record.answeredAt);
    this.put(record.endedAt);
    const { timeline, ignoredEvents } = record;
    this.put(timeline.length);
    for (let i = 0; i < timeline.length; i++) {
      const entry = timeline[i] as TimelineEntry;
      this.put(entry.at);
      this.put(this.id(entry.state));
      this.put(this.id(entry.event));
    }
    this.put(ignoredEvents.length);
    for (const event of ignoredEvents) {
      this.put(event.at);
      this.put(this.id(event.state));
      this.put(this.id(event.event));
      this.putNullable(event.sipCode);
      this.putNullable(event.q850);
    }
    this.put(fault === null ? NONE : this.id(fault));
    this.to.push(record.to);
    if (this.format !== null) {
      RECORD_TEXT[this.format].body(this.bodies, record, fault);
      this.bodyEnds.push(this.bodies.length);
    }
  }

  /** The chunk of calls added since the last `take`. */
  take(start: number): PackedChunk {
    // The buffers are handed over whole (transferred, not copied); fresh ones take their place.
    const chunk = {
      start,
      count: this.to.length,
      numbers: this.numbers.subarray(0, this.length),
      strings: this.fresh,
      to: this.to.join('\n'),
      bodies: this.bodies.view(),
      bodyEnds: Int32Array.from(this.bodyEnds),
    };
    this.numbers = new Float64Array(this.numbers.length);
    this.bodies = new ByteWriter(this.bodies.bytes.length);
    this.bodyEnds = [];
    this.length = 0;
    this.fresh = [];
    this.to = [];
    return chunk;
  }
}

/** Reads the chunks of one `Packer`, in the order it wrote them. */
export class Unpacker {
  private readonly strings: string[] = [];

  /** The chunk's records, placed on `channels` in index order, and their text in `format`. */
  unpack(chunk: PackedChunk, channels: Channels, format: RecordTextFormat | null): CampaignBatch {
    const head = format === null ? null : RECORD_TEXT[format].head;
    const out = new ByteWriter(format === null ? 16 : chunk.bodies.length + chunk.count * 80);
    let bodyStart = 0;
    for (const text of chunk.strings) this.strings.push(text);
    const to = chunk.to.split('\n');
    const s = this.strings;
    const n = chunk.numbers;
    const nullable = (value: number) => (Number.isNaN(value) ? null : value);
    const records: CampaignRecord[] = new Array(chunk.count);
    let p = 0;
    for (let i = 0; i < chunk.count; i++) {
      const status = s[n[p++] as number];
      const subStatus = s[n[p++] as number];
      const resultId = n[p++] as number;
      const messagesPlayed = n[p++] as number;
      const sipCode = nullable(n[p++] as number);
      const q850 = nullable(n[p++] as number);
      const startedAt = nullable(n[p++] as number);
      const ringingAt = nullable(n[p++] as number);
      const answeredAt = nullable(n[p++] as number);
      const endedAt = n[p++] as number;
      const timeline: TimelineEntry[] = new Array(n[p++] as number);
      for (let k = 0; k < timeline.length; k++)
        timeline[k] = {
          at: n[p++] as number,
          state: s[n[p++] as number] as string,
          event: s[n[p++] as number] as string,
        };
      const ignoredEvents: IgnoredEvent[] = new Array(n[p++] as number);
      for (let k = 0; k < ignoredEvents.length; k++) {
        const event: { -readonly [K in keyof IgnoredEvent]: IgnoredEvent[K] } = {
          at: n[p++] as number,
          state: s[n[p++] as number] as string,
          event: s[n[p++] as number] as string,
        };
        const eventSip = n[p++] as number;
        const eventQ850 = n[p++] as number;
        if (!Number.isNaN(eventSip)) event.sipCode = eventSip;
        if (!Number.isNaN(eventQ850)) event.q850 = eventQ850;
        ignoredEvents[k] = event;
      }
      const faultId = n[p++] as number;
      const channel = channels.place(endedAt);
      const index = chunk.start + i;
      if (head !== null) {
        head(out, index, channels.startAt, channel);
        const bodyEnd = chunk.bodyEnds[i] as number;
        out.raw(chunk.bodies.subarray(bodyStart, bodyEnd));
        bodyStart = bodyEnd;
      }
      records[i] = {
        index,
        startAt: channels.startAt,
        channel,
        callId: callIdOf(index),
        to: to[i] as string,
        status,
        subStatus,
        resultCode: resultId === NONE ? null : (s[resultId] as string),
        messagesPlayed,
        sipCode,
        q850,
        startedAt,
        ringingAt,
        answeredAt,
        endedAt,
        timeline,
        ignoredEvents,
        fault: faultId === NONE ? null : (s[faultId] as string),
      } as CampaignRecord;
    }
    return { records, bytes: out.view() };
  }
}
