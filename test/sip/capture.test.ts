import { describe, expect, it } from 'vitest';
import {
  LINK,
  ethernetVlan,
  framesOf,
  ipPackets,
  pcapFile,
  pcapngFile,
  text,
  type Datagram,
} from '../../bench/sip-capture-writer.js';
import { CaptureFormatError } from '../../src/sip/capture/file-reader.js';
import { readSipCapture } from '../../src/sip/read-capture.js';
import type { SipCallResult } from '../../src/sip/sip-record.js';
import { datagramsOf, dialog, rtpDatagrams, THEM, US } from './support/dialogs.js';

const START_US = Date.UTC(2026, 10, 29, 12, 0, 0) * 1000;

async function read(bytes: Uint8Array, chunkSize = bytes.length, messageMs = 1000) {
  const results: SipCallResult[] = [];
  async function* chunks() {
    for (let offset = 0; offset < bytes.length; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
  }
  const summary = await readSipCapture(chunks(), { messages: [{ id: 'm', durationMs: messageMs }] }, (call) =>
    results.push(call),
  );
  return { results, summary };
}

const outcomes = (results: readonly SipCallResult[]) =>
  results.map((result) =>
    result.kind === 'record'
      ? `${result.callId} ${result.record.status}/${result.record.subStatus}`
      : `${result.callId} ${result.kind}`,
  );

const busy = dialog('busy-1', (m) => [
  { at: 40, from: 'them', text: m.trying },
  { at: 900, from: 'them', text: m.ringing },
  { at: 3000, from: 'them', text: m.busy },
]);
const busyDatagrams = datagramsOf(busy, START_US);

describe('capture formats: the same busy call in every encoding gives the same record', () => {
  const expected = ['busy-1 ABSENT/BUSY'];
  const cases: [string, Uint8Array][] = [
    ['pcap, little-endian, Ethernet', pcapFile(LINK.ethernet, framesOf(LINK.ethernet, busyDatagrams))],
    [
      'pcap, big-endian, nanoseconds, Linux SLL',
      pcapFile(LINK.sll, framesOf(LINK.sll, busyDatagrams), { little: false, nano: true }),
    ],
    ['pcapng, little-endian, Linux SLL2', pcapngFile(LINK.sll2, framesOf(LINK.sll2, busyDatagrams))],
    [
      'pcapng, big-endian, if_tsresol 9, null/loopback',
      pcapngFile(LINK.null, framesOf(LINK.null, busyDatagrams), { little: false, nano: true }),
    ],
    ['pcapng, raw IP', pcapngFile(LINK.raw, framesOf(LINK.raw, busyDatagrams))],
    [
      'pcap, Ethernet with an 802.1Q tag',
      pcapFile(
        LINK.ethernet,
        busyDatagrams.flatMap((d) => ipPackets(d).map((packet) => ({ timeUs: d.timeUs, data: ethernetVlan(packet) }))),
      ),
    ],
    ['pcapng, IPv4 fragments of 64 bytes', pcapngFile(LINK.ethernet, framesOf(LINK.ethernet, busyDatagrams, 64))],
  ];
  it.each(cases)('%s', async (_, bytes) => {
    for (const chunk of [bytes.length, 7, 1]) {
      const { results } = await read(bytes, chunk);
      expect(outcomes(results)).toEqual(expected);
      const record = results[0]?.kind === 'record' ? results[0].record : null;
      expect(record?.startTime).toBe('2026-11-29T12:00:00.000Z');
      expect([record?.ringingAt, record?.endedAt]).toEqual([900, 3000]);
    }
  });

  it('reads IPv6, fragmented, in a pcapng whose later packets are Simple Packet Blocks', async () => {
    const v6 = busyDatagrams.map((d) => ({
      ...d,
      src: d.src === US.address ? '2001:db8::10' : '2001:db8::20',
      dst: d.dst === US.address ? '2001:db8::10' : '2001:db8::20',
    }));
    const { results } = await read(pcapngFile(LINK.ethernet, framesOf(LINK.ethernet, v6, 128)));
    expect(outcomes(results)).toEqual(expected);
    const record = results[0]?.kind === 'record' ? results[0].record : null;
    expect(record?.sip.us).toBe('[2001:db8::10]:5060');
    // An SPB has no timestamp: each takes the previous packet's, so the call seems to end at once.
    const simple = await read(
      pcapngFile(LINK.ethernet, framesOf(LINK.ethernet, busyDatagrams), { simpleAfterFirst: true }),
    );
    expect(outcomes(simple.results)).toEqual(expected);
  });
});

describe('SIP over TCP', () => {
  const answered = dialog('tcp-1', (m) => [
    { at: 50, from: 'them', text: m.trying + m.ringing },
    { at: 1500, from: 'them', text: m.ok },
    { at: 1510, from: 'us', text: m.ack },
    { at: 400, from: 'them', text: m.byeFromThem },
  ]);

  /** One direction's stream cut into segments of `size` bytes, with sequence numbers. */
  function segments(size: number, order: (list: Datagram[]) => Datagram[] = (list) => list): Datagram[] {
    const seq = { us: 1000, them: 9000 };
    // The handshake's SYNs: each direction's stream starts at its sequence number + 1.
    const syn = (from: typeof US, to: typeof US, number: number): Datagram => ({
      timeUs: START_US,
      src: from.address,
      dst: to.address,
      srcPort: from.port,
      dstPort: to.port,
      payload: new Uint8Array(),
      protocol: 'tcp',
      seq: number - 1,
      flags: 0x02,
    });
    const out: Datagram[] = [syn(US, THEM, seq.us), syn(THEM, US, seq.them)];
    let at = 0;
    for (const line of answered) {
      at += line.at > at ? line.at - at : 1;
      const bytes = text(line.text);
      const [src, dst] = line.from === 'us' ? [US, THEM] : [THEM, US];
      const pieces: Datagram[] = [];
      for (let offset = 0; offset < bytes.length; offset += size) {
        const piece = bytes.subarray(offset, offset + size);
        pieces.push({
          timeUs: START_US + at * 1000,
          src: src.address,
          dst: dst.address,
          srcPort: src.port,
          dstPort: dst.port,
          payload: piece,
          protocol: 'tcp',
          seq: seq[line.from],
        });
        seq[line.from] += piece.length;
      }
      out.push(...order(pieces));
    }
    return out;
  }

  it('reassembles messages across segments, several per segment, out of order and retransmitted', async () => {
    for (const size of [10_000, 97, 13]) {
      const { results } = await read(pcapngFile(LINK.ethernet, framesOf(LINK.ethernet, segments(size))));
      expect(outcomes(results)).toEqual(['tcp-1 ANSWERED/INCOMPLETE']);
    }
    // Each message's segments arrive reversed, and the first one twice.
    const shuffled = segments(50, (list) => [...list.reverse(), ...list.slice(-1)]);
    const { results } = await read(pcapngFile(LINK.ethernet, framesOf(LINK.ethernet, shuffled)));
    expect(outcomes(results)).toEqual(['tcp-1 ANSWERED/INCOMPLETE']);
    const record = results[0]?.kind === 'record' ? results[0].record : null;
    expect(record?.sip.transport).toBe('tcp');
    expect(record?.resultCode).toBe('HANGUP');
  });
});

describe('our RTP', () => {
  it('says how much of the message was played: 3 s of RTP play a 2 s message but not a 4 s one', async () => {
    const lines = dialog('rtp-1', (m) => [
      { at: 100, from: 'them', text: m.ringing },
      { at: 2000, from: 'them', text: m.ok },
      { at: 2010, from: 'us', text: m.ack },
      { at: 8000, from: 'them', text: m.byeFromThem },
    ]);
    const datagrams = [...datagramsOf(lines, START_US), ...rtpDatagrams(START_US + 2_020_000, 150)].sort(
      (a, b) => a.timeUs - b.timeUs,
    );
    const bytes = pcapngFile(LINK.ethernet, framesOf(LINK.ethernet, datagrams));
    const short = await read(bytes, bytes.length, 2000);
    const long = await read(bytes, bytes.length, 4000);
    expect(outcomes(short.results)).toEqual(['rtp-1 ANSWERED/COMPLETE']);
    expect(outcomes(long.results)).toEqual(['rtp-1 ANSWERED/INCOMPLETE']);
    const record = short.results[0]?.kind === 'record' ? short.results[0].record : null;
    expect(record?.sip.played).toEqual({ source: 'rtp', ms: 3000, packets: 150 });
    // The message ended with the RTP packet that completed 2 s of audio: sent 1.98 s after the first.
    expect(record?.timeline.find((entry) => entry.event === 'playback.ended')?.at).toBe(2020 + 1980);
  });
});

describe('bad input', () => {
  it('is a CaptureFormatError naming what was found', async () => {
    await expect(read(text('{"not": "a capture"}'))).rejects.toThrow(
      new CaptureFormatError('not a pcap or pcapng capture (it starts with bytes 7b 22 6e 6f)'),
    );
    await expect(read(new Uint8Array())).rejects.toThrow('empty input: not a capture');
    const corrupt = pcapFile(LINK.ethernet, framesOf(LINK.ethernet, busyDatagrams));
    new DataView(corrupt.buffer).setUint32(24 + 8, 0x7fffffff, true);
    await expect(read(corrupt)).rejects.toThrow('corrupt pcap record at byte 24: length 2147483647');
    // A 64-bit pcapng timestamp past the last date JavaScript can name (found by test/cli/fuzz/sip.test.ts).
    const far = pcapngFile(LINK.ethernet, framesOf(LINK.ethernet, busyDatagrams));
    const view = new DataView(far.buffer);
    const epb = view.getUint32(4, true) + view.getUint32(view.getUint32(4, true) + 4, true);
    view.setUint32(epb + 12, 0x7806_0000, true);
    await expect(read(far)).rejects.toThrow(/^pcapng packet at byte \d+: timestamp beyond any date/);
  });

  it('a capture cut inside its last packet, and garbage in a datagram, are warnings, not errors', async () => {
    const whole = pcapngFile(
      LINK.ethernet,
      framesOf(LINK.ethernet, [
        ...busyDatagrams,
        ...busyDatagrams
          .slice(0, 1)
          .map((d) => ({ ...d, payload: text('INVITE nonsense SIP/2.0\r\nno colon here\r\n\r\n') })),
      ]),
    );
    const { results, summary } = await read(whole.subarray(0, whole.length - 10));
    expect(outcomes(results)).toEqual(['busy-1 ABSENT/BUSY']);
    expect(summary.truncated).toBe(true);
    const garbled = await read(whole);
    expect(garbled.summary.malformed).toBe(1);
    expect(garbled.summary.malformedExamples[0]).toBe(
      '192.0.2.10:5060 → 198.51.100.20:5060: line 2: expected "Name: value", got "no colon here"',
    );
  });
});
