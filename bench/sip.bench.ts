// `npm run bench sip`: reads a generated capture of many calls with `call-lifecycle sip`, and the
// same file with `tshark -r FILE -Y sip` in the same run; prints packets/s of each, the ratio, and
// peak memory (GNU time's maximum resident set). The capture (SIP_BENCH_MB, default 1024 MB) is
// written to the system's temporary directory and deleted afterwards.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINK, ipPackets, linkFrame, pcapngHeader, text } from './sip-capture-writer.js';

const TARGET_BYTES = Number(process.env.SIP_BENCH_MB ?? 1024) * 1024 * 1024;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const START_US = Date.UTC(2026, 0, 5, 9, 0, 0) * 1000;
/** A new call every 50 ms; answered calls talk 10 s: about 200 calls at once. */
const CALL_EVERY_US = 50_000;
const TALK_US = 10_000_000;
const PTIME_US = 20_000;

class Output {
  private buffer = new Uint8Array(16 * 1024 * 1024);
  private view = new DataView(this.buffer.buffer);
  private used = 0;
  written = 0;
  packets = 0;
  constructor(private readonly fd: number) {}
  raw(bytes: Uint8Array) {
    if (this.used + bytes.length > this.buffer.length) this.flush();
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }
  /** An Enhanced Packet Block around `frame` (little-endian, microseconds). */
  packet(timeUs: number, frame: Uint8Array) {
    const padded = (frame.length + 3) & ~3;
    const length = 32 + padded;
    if (this.used + length > this.buffer.length) this.flush();
    const at = this.used;
    this.view.setUint32(at, 6, true);
    this.view.setUint32(at + 4, length, true);
    this.view.setUint32(at + 8, 0, true);
    this.view.setUint32(at + 12, Math.floor(timeUs / 4294967296), true);
    this.view.setUint32(at + 16, timeUs % 4294967296, true);
    this.view.setUint32(at + 20, frame.length, true);
    this.view.setUint32(at + 24, frame.length, true);
    this.buffer.set(frame, at + 28);
    this.buffer.fill(0, at + 28 + frame.length, at + 28 + padded);
    this.view.setUint32(at + 28 + padded, length, true);
    this.used += length;
    this.packets++;
  }
  flush() {
    writeSync(this.fd, this.buffer, 0, this.used);
    this.written += this.used;
    this.used = 0;
  }
}

const US = '10.0.0.1';
const THEM = '10.0.0.2';

function sip(timeUs: number, from: 'us' | 'them', message: string, out: Output) {
  const [src, dst] = from === 'us' ? [US, THEM] : [THEM, US];
  const datagram = { timeUs, src, dst, srcPort: 5060, dstPort: 5060, payload: text(message) };
  out.packet(timeUs, linkFrame(LINK.ethernet, ipPackets(datagram)[0] as Uint8Array));
}

function messages(index: number, mediaPort: number) {
  const id = `bench-${index}@${US}`;
  const from = `From: <sip:platform@${US}>;tag=f${index}`;
  const to = `To: <sip:+3361${String(index).padStart(7, '0')}@${THEM}>`;
  const head = (start: string, branch: string, cseq: string, toTag: boolean) =>
    `${start}\r\nVia: SIP/2.0/UDP ${US}:5060;branch=z9hG4bK${branch}${index}\r\n${from}\r\n${to}${toTag ? `;tag=t${index}` : ''}\r\nCall-ID: ${id}\r\nCSeq: ${cseq}\r\n`;
  const sdp = (address: string, port: number) =>
    `v=0\r\no=- 1 1 IN IP4 ${address}\r\ns=-\r\nc=IN IP4 ${address}\r\nt=0 0\r\nm=audio ${port} RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n`;
  const withBody = (headers: string, body: string) =>
    `${headers}Content-Type: application/sdp\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const empty = (headers: string) => `${headers}Content-Length: 0\r\n\r\n`;
  const uri = `sip:+3361${String(index).padStart(7, '0')}@${THEM}`;
  return {
    invite: withBody(head(`INVITE ${uri} SIP/2.0`, 'i', '1 INVITE', false), sdp(US, 30000)),
    trying: empty(head('SIP/2.0 100 Trying', 'i', '1 INVITE', false)),
    ringing: empty(head('SIP/2.0 180 Ringing', 'i', '1 INVITE', true)),
    ok: withBody(head('SIP/2.0 200 OK', 'i', '1 INVITE', true), sdp(THEM, mediaPort)),
    busy: empty(head('SIP/2.0 486 Busy Here', 'i', '1 INVITE', true)),
    ack: empty(head(`ACK ${uri} SIP/2.0`, 'a', '1 ACK', true)),
    bye: empty(head(`BYE ${uri} SIP/2.0`, 'b', '2 BYE', true)),
    byeOk: empty(head('SIP/2.0 200 OK', 'b', '2 BYE', true)),
  };
}

interface Active {
  readonly index: number;
  readonly answerUs: number;
  readonly endUs: number;
  readonly rtp: Uint8Array;
  sent: number;
}

/** Writes the capture: SIP for every call, and our RTP (20 ms of PCMA per packet) for the answered ones. */
function generate(file: string): { packets: number; calls: number; bytes: number } {
  const fd = openSync(file, 'w');
  const out = new Output(fd);
  out.raw(pcapngHeader(LINK.ethernet));
  const active: Active[] = [];
  let calls = 0;
  for (let tick = 0; out.written < TARGET_BYTES || active.length > 0; tick++) {
    const now = START_US + tick * PTIME_US;
    const accepting = out.written < TARGET_BYTES;
    while (accepting && START_US + calls * CALL_EVERY_US <= now) {
      const index = calls++;
      const start = START_US + index * CALL_EVERY_US;
      const mediaPort = 10000 + (index % 20000) * 2;
      const m = messages(index, mediaPort);
      sip(start, 'us', m.invite, out);
      sip(start + 2000, 'them', m.trying, out);
      sip(start + 300_000, 'them', m.ringing, out);
      if (index % 5 === 4) {
        sip(start + 2_000_000, 'them', m.busy, out);
        sip(start + 2_001_000, 'us', m.ack, out);
        continue;
      }
      sip(start + 3_000_000, 'them', m.ok, out);
      sip(start + 3_001_000, 'us', m.ack, out);
      const datagram = {
        timeUs: 0,
        src: US,
        dst: THEM,
        srcPort: 30000,
        dstPort: mediaPort,
        payload: new Uint8Array(172),
      };
      const rtp = linkFrame(LINK.ethernet, ipPackets(datagram)[0] as Uint8Array);
      rtp[42] = 0x80;
      rtp[43] = 8;
      active.push({ index, answerUs: start + 3_010_000, endUs: start + 3_010_000 + TALK_US, rtp, sent: 0 });
    }
    for (let i = 0; i < active.length; i++) {
      const call = active[i] as Active;
      if (now < call.answerUs) continue;
      if (now >= call.endUs) {
        const m = messages(call.index, 0);
        sip(now, 'them', m.bye, out);
        sip(now + 1000, 'us', m.byeOk, out);
        active.splice(i--, 1);
        continue;
      }
      const view = new DataView(call.rtp.buffer);
      view.setUint16(44, call.sent & 0xffff);
      view.setUint32(46, call.sent * 160);
      out.packet(now, call.rtp);
      call.sent++;
    }
  }
  out.flush();
  closeSync(fd);
  return { packets: out.packets, calls, bytes: statSync(file).size };
}

/** Runs a command under GNU time: wall seconds and peak resident memory (KiB). */
function timed(command: string, args: string[]): { seconds: number; peakKiB: number; stderr: string } {
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const match = /TIME ([\d.]+) (\d+)\s*$/.exec(run.stderr ?? '');
  if (run.status !== 0 || match === null) throw new Error(`${command} failed: ${(run.stderr ?? '').slice(-400)}`);
  return { seconds: Number(match[1]), peakKiB: Number(match[2]), stderr: run.stderr };
}

const file = join(tmpdir(), `call-lifecycle-sip-bench-${process.pid}.pcapng`);
try {
  const started = Date.now();
  const capture = generate(file);
  console.log(
    `capture: ${(capture.bytes / 2 ** 20).toFixed(0)} MiB, ${capture.packets.toLocaleString('en-US')} packets, ${capture.calls.toLocaleString('en-US')} calls (generated in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const ours = timed('node', [join(ROOT, 'bin/call-lifecycle.js'), 'sip', file, '--message-ms', '5000']);
  const tshark =
    spawnSync('tshark', ['-v'], { stdio: 'ignore' }).error === undefined
      ? timed('tshark', ['-r', file, '-Y', 'sip'])
      : null;
  const rate = (seconds: number) => Math.round(capture.packets / seconds).toLocaleString('en-US');
  console.log('| reader | time | packets/s | peak memory |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| call-lifecycle sip | ${ours.seconds} s | ${rate(ours.seconds)} | ${(ours.peakKiB / 1024).toFixed(0)} MiB |`,
  );
  if (tshark === null) console.log('| tshark -Y sip | (tshark not installed) | | |');
  else {
    console.log(
      `| tshark -r FILE -Y sip | ${tshark.seconds} s | ${rate(tshark.seconds)} | ${(tshark.peakKiB / 1024).toFixed(0)} MiB |`,
    );
    console.log(
      `\ncall-lifecycle sip reads ${(tshark.seconds / ours.seconds).toFixed(2)}× as many packets per second as tshark.`,
    );
  }
} finally {
  rmSync(file, { force: true });
}
