import { createReadStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveCalls } from '../../src/live/index.js';
import { SipCall } from '../../src/sip/call.js';
import { CaptureReader } from '../../src/sip/capture/file-reader.js';
import { SipPacketReader, type CapturedSip } from '../../src/sip/capture/messages.js';
import { FakeHost } from '../support/fake-host.js';
import { recordsOf } from './support/cases.js';

// Live equals replay for SIP: each checked-in SIPp capture's dialogs, fed message by message
// through SipCall into LiveCalls on fake time, give the record the capture reader gives.

const CAPTURES = resolve(import.meta.dirname, 'captures');
const DAY = 24 * 60 * 60 * 1000;

async function sipMessages(file: string): Promise<CapturedSip[]> {
  const messages: CapturedSip[] = [];
  const packets = new SipPacketReader(
    (sip) => messages.push(sip),
    () => {},
  );
  const reader = new CaptureReader((frame) => packets.frame(frame.timeUs, frame.linkType, frame.data));
  for await (const chunk of createReadStream(file)) reader.push(chunk as Uint8Array);
  reader.end();
  return messages;
}

describe('SIP into LiveCalls', () => {
  // The RTP capture is left out: its messages end by our RTP, which is no SIP message.
  const names = [
    'busy',
    'not-found-reason',
    'ring-decline',
    'early-media-404',
    'unavailable-41',
    'ring-480',
    'our-cancel',
    'callee-bye',
    'our-bye',
    'reinvite',
    'interleaved',
    'tcp',
    'ipv6',
  ];
  it.each(names)('%s: the live record is the capture record', async (name) => {
    const file = join(CAPTURES, `${name}.pcapng`);
    const host = new FakeHost(0);
    const live = new LiveCalls({ clock: host });
    const calls = new Map<string, { call: SipCall; startMs: number }>();
    const ended = [];
    for (const captured of await sipMessages(file)) {
      const nowMs = captured.timeUs / 1000;
      host.runUntil(nowMs);
      const callId = captured.message.headers.get('call-id')?.[0] ?? '';
      let entry = calls.get(callId);
      if (entry === undefined) {
        const call = SipCall.start(captured.message);
        if (typeof call === 'string') continue;
        entry = { call, startMs: nowMs };
        calls.set(callId, entry);
        live.start({
          callId,
          to: '+33612345678',
          messages: [{ id: 'message', durationMs: 1000 }],
          amd: false,
          timeouts: { carrierMs: DAY, proceedingMs: DAY, ringMs: DAY, amdMs: DAY, releaseMs: DAY },
        });
        ended.push(live.whenEnded(callId));
        continue;
      }
      const at = Math.max(0, Math.round(nowMs - entry.startMs));
      for (const event of entry.call.observe(captured.message, at).events) {
        const sent = live.send(callId, event);
        if (!sent.ok) throw new Error(sent.error.message);
      }
    }
    const liveRecords = await Promise.all(ended);
    const captureRecords = await recordsOf(file);
    expect(liveRecords).toEqual(captureRecords.map(({ startTime: _startTime, sip: _sip, ...record }) => record));
  });
});
