import { describe, expect, it } from 'vitest';
import { TCP, type Segment } from '../../../src/sip/capture/ip.js';
import { TcpStreams } from '../../../src/sip/capture/tcp.js';
import { messages } from '../support/dialogs.js';

const ADDRESS = new Uint8Array([10, 0, 0, 1]);
const PEER = new Uint8Array([10, 0, 0, 2]);
const ACK_PSH = 0x18;

function segment(port: number, seq: number, payload: Uint8Array, timeUs: number): Segment {
  return { timeUs, protocol: TCP, src: ADDRESS, dst: PEER, srcPort: port, dstPort: 5060, seq, flags: ACK_PSH, payload };
}

describe('TCP reassembly memory', () => {
  it('many connections each holding out-of-order bytes add up to a bounded total, and a whole call still reads', () => {
    const read: string[] = [];
    const streams = new TcpStreams((bytes) => read.push(new TextDecoder().decode(bytes).split('\r\n')[0] ?? ''));
    const chunk = new Uint8Array(60_000).fill(65);
    let time = 0;
    let most = 0;
    // 300 connections, each with a byte, then a gap, then 16 segments waiting for it: 288 MB if all were kept.
    for (let port = 10_000; port < 10_300; port++) {
      streams.segment(segment(port, 0, new Uint8Array([73]), time++), `c${port}`);
      for (let k = 0; k < 16; k++) {
        streams.segment(segment(port, 100_000 + k * 60_000, chunk, time++), `c${port}`);
        most = Math.max(most, streams.held);
      }
    }
    // The budget (32 MiB) plus at most one connection's own limit (1 MiB of waiting segments and a partial message).
    expect(most).toBeLessThanOrEqual(32 * 1024 * 1024 + 1024 * 1024 + 256 * 1024);
    expect(streams.gaps).toBeGreaterThan(200);
    const invite = new TextEncoder().encode(messages('tcp-1').invite);
    streams.segment(segment(20_000, 1, invite.subarray(0, 100), time++), 'call');
    streams.segment(segment(20_000, 101, invite.subarray(100), time++), 'call');
    expect(read.at(-1)).toBe('INVITE sip:+33612345678@carrier.example SIP/2.0');
  });
});
