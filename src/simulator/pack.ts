import type { CallRecord, IgnoredEvent, TimelineEntry } from '../call/record.js';
import { callIdOf } from './sampler.js';
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
  readonly to: readonly string[];
}

const NONE = -1;

/** Writes calls in a worker; one packer per worker, its string table shared with one `Unpacker`. */
export class Packer {
  private readonly ids = new Map<string, number>();
  private fresh: string[] = [];
  private numbers: number[] = [];
  private to: string[] = [];

  private id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
      this.fresh.push(text);
    }
    return id;
  }

  private nullable(value: number | null | undefined): number {
    return value === null || value === undefined ? NaN : value;
  }

  add({ record, fault }: SimulatedCall): void {
    const n = this.numbers;
    n.push(this.id(record.status), this.id(record.subStatus), record.resultCode === null ? NONE : this.id(record.resultCode));
    n.push(record.messagesPlayed, this.nullable(record.sipCode), this.nullable(record.q850));
    n.push(this.nullable(record.startedAt), this.nullable(record.ringingAt), this.nullable(record.answeredAt), record.endedAt);
    n.push(record.timeline.length);
    for (const entry of record.timeline) n.push(entry.at, this.id(entry.state), this.id(entry.event));
    n.push(record.ignoredEvents.length);
    for (const event of record.ignoredEvents) n.push(event.at, this.id(event.state), this.id(event.event), this.nullable(event.sipCode), this.nullable(event.q850));
    n.push(fault === null ? NONE : this.id(fault));
    this.to.push(record.to);
  }

  /** The chunk of calls added since the last `take`. */
  take(start: number): PackedChunk {
    const chunk = { start, count: this.to.length, numbers: Float64Array.from(this.numbers), strings: this.fresh, to: this.to };
    this.numbers = [];
    this.fresh = [];
    this.to = [];
    return chunk;
  }
}

/** Reads the chunks of one `Packer`, in the order it wrote them. */
export class Unpacker {
  private readonly strings: string[] = [];

  unpack(chunk: PackedChunk): SimulatedCall[] {
    this.strings.push(...chunk.strings);
    const s = this.strings;
    const n = chunk.numbers;
    const nullable = (value: number) => (Number.isNaN(value) ? null : value);
    const calls: SimulatedCall[] = [];
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
      for (let k = 0; k < timeline.length; k++) timeline[k] = { at: n[p++] as number, state: s[n[p++] as number] as string, event: s[n[p++] as number] as string };
      const ignoredEvents: IgnoredEvent[] = new Array(n[p++] as number);
      for (let k = 0; k < ignoredEvents.length; k++) {
        const event: { -readonly [K in keyof IgnoredEvent]: IgnoredEvent[K] } = { at: n[p++] as number, state: s[n[p++] as number] as string, event: s[n[p++] as number] as string };
        const eventSip = n[p++] as number;
        const eventQ850 = n[p++] as number;
        if (!Number.isNaN(eventSip)) event.sipCode = eventSip;
        if (!Number.isNaN(eventQ850)) event.q850 = eventQ850;
        ignoredEvents[k] = event;
      }
      const faultId = n[p++] as number;
      const record = {
        callId: callIdOf(chunk.start + i),
        to: chunk.to[i] as string,
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
      } as CallRecord;
      calls.push({ record, fault: faultId === NONE ? null : (s[faultId] as string) });
    }
    return calls;
  }
}
