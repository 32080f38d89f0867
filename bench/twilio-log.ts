// A Twilio status-callback log as a webhook receiver stores it: JSON lines in arrival order, the
// callbacks of about two thousand calls in flight interleaved, as a dialer starting a call every
// 50 ms sees them. Shapes from twilio.com/docs/voice/api/call-resource#statuscallback (every
// StatusCallbackEvent subscribed: initiated, ringing, answered, completed; SequenceNumber,
// Timestamp, CallbackSource) and twilio.com/docs/voice/answering-machine-detection (the
// asynchronous AMD callback: AnsweredBy, no Timestamp, no SequenceNumber).
import { createWriteStream } from 'node:fs';
import { MinHeap } from '../src/collections/min-heap.js';

const START = Date.UTC(2026, 10, 27, 9, 0, 0);
const CALL_EVERY_MS = 50;

/** A deterministic generator (mulberry32): the same log on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Pending {
  readonly arrivesAt: number;
  readonly text: string;
}

const stamp = (ms: number) => new Date(START + ms).toUTCString().replace('GMT', '+0000');

/**
 * One call's callbacks, each with the time it happened: a mix of answered calls (a third of them by
 * a machine), busy lines, calls that ring out and numbers that do not exist.
 */
interface Happened {
  readonly at: number;
  readonly fields: Readonly<Record<string, string>>;
}

function callbacksOf(call: number, next: () => number): Happened[] {
  const t0 = call * CALL_EVERY_MS;
  const ringAt = t0 + 1_000 + Math.floor(next() * 4_000);
  const status = (at: number, sequence: number, fields: Record<string, string>): Happened => ({
    at,
    fields: { ...fields, SequenceNumber: String(sequence), Timestamp: stamp(at) },
  });
  const callbacks = [status(t0, 0, { CallStatus: 'initiated' })];
  const draw = next();
  if (draw < 0.04) {
    callbacks.push(status(ringAt, 1, { CallStatus: 'failed', SipResponseCode: '404' }));
    return callbacks;
  }
  callbacks.push(status(ringAt, 1, { CallStatus: 'ringing' }));
  if (draw < 0.14) {
    const end = ringAt + 3_000 + Math.floor(next() * 10_000);
    callbacks.push(status(end, 2, { CallStatus: 'busy', SipResponseCode: '486' }));
  } else if (draw < 0.3) {
    callbacks.push(status(ringAt + 30_000, 2, { CallStatus: 'no-answer', SipResponseCode: '487' }));
  } else {
    const answerAt = ringAt + 2_000 + Math.floor(next() * 20_000);
    const seconds = 5 + Math.floor(next() * 115);
    callbacks.push(status(answerAt, 2, { CallStatus: 'in-progress' }));
    const amd = next() < 0.33 ? 'machine_end_beep' : 'human';
    callbacks.push({ at: answerAt + 2_500 + Math.floor(next() * 3_000), fields: { AnsweredBy: amd } });
    callbacks.push(status(answerAt + seconds * 1000, 3, { CallStatus: 'completed', CallDuration: String(seconds) }));
  }
  return callbacks;
}

/**
 * Writes about `total` callbacks (the last call's may run over) to `file`: how many calls and
 * callbacks it wrote. Each callback reaches the log 0–800 ms after it happened, so close callbacks of one call
 * are often logged out of order; one in fifty is delivered twice, the retry 5–30 s later.
 */
export async function writeTwilioLog(file: string, total: number): Promise<{ calls: number; callbacks: number }> {
  const out = createWriteStream(file);
  const next = random(0x7a11);
  // The lines the receiver has not logged yet, by arrival time.
  const queue = new MinHeap<Pending>((a, b) => a.arrivesAt < b.arrivesAt);
  const base = (call: number) => ({
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    ApiVersion: '2010-04-01',
    CallSid: `CA${call.toString(16).padStart(32, '0')}`,
    CallbackSource: 'call-progress-events',
    Direction: 'outbound-api',
    From: '+14155550100',
    To: `+336${String(call % 100_000_000).padStart(8, '0')}`,
  });
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((done) => out.once('drain', () => done()));
  };
  let queued = 0;
  let call = 0;
  while (queued < total) {
    const t0 = call * CALL_EVERY_MS;
    for (let first = queue.peek(); first !== undefined && first.arrivesAt <= t0; first = queue.peek())
      await write((queue.pop() as Pending).text);
    const fields = base(call);
    for (const { at, fields: own } of callbacksOf(call, next)) {
      const text = `${JSON.stringify({ ...fields, ...own })}\n`;
      queue.push({ arrivesAt: at + Math.floor(next() * 800), text });
      queued += 1;
      if (next() < 0.02) {
        queue.push({ arrivesAt: at + 5_000 + Math.floor(next() * 25_000), text });
        queued += 1;
      }
    }
    call++;
  }
  while (queue.size > 0) await write((queue.pop() as Pending).text);
  await new Promise<void>((done) => out.end(() => done()));
  return { calls: call, callbacks: queued };
}
