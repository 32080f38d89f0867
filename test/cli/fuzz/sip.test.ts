// Fuzzing `call-lifecycle sip` in-process: capture files that are random bytes, cut short, with
// a link type no one uses, lengths far beyond the file, or SIP messages bent out of shape. The
// command answers exit 2 with one clean line when the file is not a capture, and otherwise reads
// what it can (exit 0 or 3): whole JSON lines on stdout, clean lines on stderr, never an internal
// error or a stack trace. Runs scale with FC_NUM_RUNS (docs/reliability.md).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '../../support/property.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { LINK, framesOf, pcapFile, pcapngFile } from '../../../bench/sip-capture-writer.js';
import { runCli } from '../../support/cli.js';
import { datagramsOf, dialog } from '../../sip/support/dialogs.js';
import { expectContained, hostileString } from './hostile.js';

const RUNS = { numRuns: Number(process.env.FC_NUM_RUNS ?? 15) };
const START_US = Date.UTC(2026, 10, 29, 12, 0, 0) * 1000;

// RFC 3261 §24.2's flow as test/sip/support/dialogs.ts writes it: answered, then the callee hangs up.
const answered = dialog('fuzz-1', (m) => [
  { at: 40, from: 'them', text: m.trying },
  { at: 900, from: 'them', text: m.ringing },
  { at: 3000, from: 'them', text: m.ok },
  { at: 3010, from: 'us', text: m.ack },
  { at: 9000, from: 'them', text: m.byeFromThem },
]);
const VALID = {
  pcap: pcapFile(LINK.ethernet, framesOf(LINK.ethernet, datagramsOf(answered, START_US))),
  pcapng: pcapngFile(LINK.ethernet, framesOf(LINK.ethernet, datagramsOf(answered, START_US))),
};

let dir: string;
let files = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-fuzz-sip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `sip` on a file holding `bytes` (it reads standard input from the process itself, so a file). */
async function sip(bytes: Uint8Array, args: string[] = []) {
  const path = join(dir, `capture-${files++}.pcap`);
  await writeFile(path, bytes);
  return runCli(['sip', '--message-ms', '1000', ...args, path]);
}

/**
 * What any run on a capture must show, whatever its exit: whole JSON lines on stdout, clean lines
 * on stderr. A capture corrupt past its start stops there with exit 2: the records of the calls
 * before are already out, whole, and the last line on stderr names the corruption.
 */
function expectWhole(run: Awaited<ReturnType<typeof sip>>, accepted: readonly number[]): void {
  if (run.code !== 2 || run.stdout === '') expectContained(run, accepted);
  else {
    expectContained({ ...run, code: 0 }, [0]);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/^call-lifecycle: sip: \S+: /);
  }
  for (const line of run.stdout.split('\n').filter((text) => text !== '')) JSON.parse(line);
}

const capture = fc.constantFrom(VALID.pcap, VALID.pcapng);

/** Bytes written over a valid capture at random places (headers included). */
const overwritten = fc
  .tuple(capture, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }))
  .map(([valid, writes]) => {
    const bytes = valid.slice();
    for (const [offset, value] of writes) bytes[offset % bytes.length] = value;
    return bytes;
  });

describe('sip: files that are not captures', () => {
  test.prop([fc.uint8Array({ maxLength: 600 })], RUNS)('random bytes: exit 2, one clean line', async (bytes) => {
    expectContained(await sip(bytes), [2]);
  });

  test.prop([capture, fc.nat()], RUNS)('a capture cut anywhere, in its header too', async (valid, at) => {
    const cut = valid.subarray(0, at % (valid.length + 1));
    // Cut inside the file header (24 bytes of libpcap, the first blocks of pcapng) it is no capture.
    expectWhole(await sip(cut), [0, 2, 3]);
  });

  test.prop([fc.integer({ min: 0, max: 23 })], RUNS)('a libpcap header cut short: exit 2', async (at) => {
    expectContained(await sip(VALID.pcap.subarray(0, at)), [2]);
  });

  test.prop([overwritten], RUNS)('a capture with bytes overwritten anywhere', async (bytes) => {
    expectWhole(await sip(bytes), [0, 2, 3]);
  });
});

describe('sip: captures of an odd shape', () => {
  test.prop([fc.integer({ min: 0, max: 0xffff }), fc.boolean()], RUNS)(
    'any link type: its frames read or skipped with a warning',
    async (linkType, ng) => {
      const frames = framesOf(LINK.ethernet, datagramsOf(answered, START_US));
      expectWhole(await sip(ng ? pcapngFile(linkType, frames) : pcapFile(linkType, frames)), [0, 3]);
    },
  );

  test.prop(
    [
      fc.constantFrom(0xffff_ffff, 0x8000_0000, 0x7fff_ffff, 0x1000_0000, 262_145),
      fc.integer({ min: 0, max: 4 }),
      fc.boolean(),
    ],
    RUNS,
  )('a record claiming a huge length: one clean line, nothing allocated for it', async (length, which, ng) => {
    const bytes = (ng ? VALID.pcapng : VALID.pcap).slice();
    const view = new DataView(bytes.buffer);
    // libpcap: the record header's captured length is at +8 (pcap-savefile(5)); pcapng: a block's
    // total length is at +4, and the Section Header Block's first.
    const offsets = ng ? blockOffsets(view) : recordOffsets(view).map((offset) => offset + 8);
    const offset = offsets[which % offsets.length] as number;
    view.setUint32(ng ? offset + 4 : offset, length, true);
    expectWhole(await sip(bytes), [0, 2, 3]);
  });
});

describe('sip: SIP messages bent out of shape', () => {
  const mutation = fc.oneof(
    fc.tuple(fc.constant('header' as const), fc.nat(), hostileString),
    fc.tuple(fc.constant('drop' as const), fc.nat(), fc.constant('')),
    fc.tuple(fc.constant('cut' as const), fc.nat(), fc.constant('')),
    fc.tuple(fc.constant('start' as const), fc.nat(), hostileString),
    fc.tuple(fc.constant('junk' as const), fc.nat(), fc.string({ unit: 'binary', maxLength: 200 })),
  );

  /** The dialog with one message changed: a header's value, a line dropped, cut, a new start line, or junk. */
  function bent(index: number, [kind, where, text]: [string, number, string]) {
    return answered.map((line, at) => {
      if (at !== index % answered.length) return line;
      const lines = line.text.split('\r\n');
      const pick = where % lines.length;
      if (kind === 'header') lines[pick] = `${lines[pick]?.split(':')[0] ?? 'X'}: ${text}`;
      if (kind === 'drop') lines.splice(pick, 1);
      if (kind === 'start') lines[0] = text;
      const joined = lines.join('\r\n');
      if (kind === 'cut') return { ...line, text: joined.slice(0, where % (joined.length + 1)) };
      if (kind === 'junk') return { ...line, text: `${joined.slice(0, where % joined.length)}${text}` };
      return { ...line, text: joined };
    });
  }

  test.prop([fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }), fc.boolean()], RUNS)(
    'any message changed: read as far as it goes, every line clean',
    async (changes, ng) => {
      const lines = changes.reduce((dialogLines, [index, change]) => {
        const next = bent(index, change);
        return dialogLines.map((line, at) => (next[at] === answered[at] ? line : (next[at] ?? line)));
      }, answered);
      const frames = framesOf(LINK.ethernet, datagramsOf(lines, START_US));
      expectWhole(await sip(ng ? pcapngFile(LINK.ethernet, frames) : pcapFile(LINK.ethernet, frames)), [0, 3]);
    },
  );

  test.prop([fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { minLength: 1, maxLength: 6 })], RUNS)(
    'random text in SIP-looking datagrams',
    async (texts) => {
      const lines = texts.map((text, index) => ({
        at: index * 10,
        from: index % 2 === 0 ? ('us' as const) : ('them' as const),
        text: `${index === 0 ? 'INVITE sip:+33612345678@x SIP/2.0' : 'SIP/2.0 180 Ringing'}\r\n${text}`,
      }));
      const frames = framesOf(LINK.ethernet, datagramsOf(lines, START_US));
      expectWhole(await sip(pcapFile(LINK.ethernet, frames)), [0, 3]);
    },
  );
});

/** The offsets of a libpcap file's record headers (after the 24-byte file header). */
function recordOffsets(view: DataView): number[] {
  const offsets: number[] = [];
  for (let offset = 24; offset + 16 <= view.byteLength; offset += 16 + view.getUint32(offset + 8, true))
    offsets.push(offset);
  return offsets;
}

/** The offsets of a little-endian pcapng file's blocks. */
function blockOffsets(view: DataView): number[] {
  const offsets: number[] = [];
  for (let offset = 0; offset + 12 <= view.byteLength; offset += view.getUint32(offset + 4, true)) offsets.push(offset);
  return offsets;
}

describe('sip: what it echoes stays one clean line', () => {
  test.prop([hostileString], RUNS)('any --us, --to or --message-ms value', async (value) => {
    for (const option of ['--us', '--to', '--message-ms'])
      expectContained(await runCli(['sip', option, value, 'no-such.pcap']), [2]);
    expect(true).toBe(true);
  });
});
