// `npm run bench -- sip-drip`: one SIP message over TCP that arrives one byte per segment, read by
// readSipCapture, at three sizes. The framer appends to a growing buffer and searches only the new bytes, so the
// cost per byte must stay flat as the message grows: the figure to read is the cost per byte at
// each size against the smallest, measured in this run (re-copying and re-searching the whole
// partial message on every segment, as before, made it grow with the size: a 9 MB capture of
// 160,000 one-byte segments took 48 s).
import { readSipCapture } from '../src/sip/read-capture.js';
import { LINK, framesOf, pcapFile, type Datagram } from './sip-capture-writer.js';

const SIZES = [16_000, 64_000, 250_000];
const START_US = Date.UTC(2026, 0, 5, 9, 0, 0) * 1000;

/** One INVITE whose header is padded to `bytes` (under the framer's 256 KiB limit), one byte per TCP segment. */
function dripped(bytes: number): Uint8Array {
  const line = 'X-Pad: 0123456789abcdef0123456789abcdef\r\n';
  const start = 'INVITE sip:+33612345678@carrier.example SIP/2.0\r\n';
  const end = 'Content-Length: 0\r\n\r\n';
  const pad = line.repeat(Math.max(0, Math.floor((bytes - start.length - end.length) / line.length)));
  const text = new TextEncoder().encode(`${start}${pad}${end}`);
  const datagrams: Datagram[] = [];
  for (let index = 0; index < text.length; index++)
    datagrams.push({
      timeUs: START_US + index,
      src: '192.0.2.10',
      dst: '198.51.100.20',
      srcPort: 5060,
      dstPort: 5060,
      protocol: 'tcp',
      seq: 1000 + index,
      flags: 0x18,
      payload: text.subarray(index, index + 1),
    });
  return pcapFile(LINK.raw, framesOf(LINK.raw, datagrams));
}

async function* once(bytes: Uint8Array) {
  yield bytes;
}

const rows: string[] = [];
let base = 0;
for (const size of SIZES) {
  const capture = dripped(size);
  const started = performance.now();
  const summary = await readSipCapture(once(capture), { messages: [{ id: 'm', durationMs: 1000 }] }, () => {});
  const ms = performance.now() - started;
  const perByte = (ms * 1000) / size;
  if (base === 0) base = perByte;
  rows.push(
    `| ${size.toLocaleString('en-US')}-byte message, one byte per segment | ${summary.sipMessages.toLocaleString('en-US')} | ${(ms / 1000).toFixed(2)} | ${perByte.toFixed(2)} | ${(perByte / base).toFixed(2)} |`,
  );
}
console.log('| capture | SIP messages read | s | µs per byte | × per byte at the smallest size |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
