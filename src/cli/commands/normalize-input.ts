import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseFormBody } from '../../carriers/callback.js';
import { isTooDeep, parseJsonText } from '../../input/index.js';
import { type CliIO, UsageError } from '../command.js';

/** How callbacks are written in a log: one JSON object a line, one JSON array, or one form body a line. */
export const CALLBACK_FORMATS = ['jsonl', 'json', 'form'] as const;
export type CallbackFormat = (typeof CALLBACK_FORMATS)[number];

/** One callback read from the log, with where it was (for messages). */
export interface LogEntry {
  readonly body: unknown;
  /** Why the entry could not be parsed, or null. */
  readonly error: string | null;
  /** Its line in the log, or for a JSON array its element's index (then `element` is true); null: the whole log. */
  readonly at: number | null;
  readonly element: boolean;
}

/** Where an entry was, for a message: `events.jsonl:12`, or `events.json: element 3`. */
export function whereOf(entry: LogEntry, file: string): string {
  const source = file === '-' ? 'standard input' : file;
  if (entry.at === null) return source;
  return entry.element ? `${source}: element ${entry.at}` : `${source}:${entry.at}`;
}

async function openInput(file: string, io: CliIO): Promise<Readable> {
  if (file === '-') return io.readStdinStream?.() ?? Readable.from([await io.readStdin()]);
  const input = createReadStream(resolve(io.cwd, file), { highWaterMark: 1 << 16 });
  await new Promise<void>((done, fail) => {
    input.once('readable', done);
    input.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? 'no such file'
          : error.code === 'EISDIR'
            ? 'is a directory'
            : (error.code ?? 'unreadable');
      fail(new UsageError(`cannot read ${file}: ${reason}`));
    });
  });
  return input;
}

const NEWLINE = 0x0a;

/**
 * The lines of a file or of standard input, read as they come (never the whole file at once), a
 * chunk's worth at a time: splitting a chunk is synchronous, so a line costs no promise. The bytes
 * are split at `\n` (a byte no other UTF-8 character contains) and each line decoded on its own,
 * so a chunk is never decoded whole nor glued to the next; a line cut between chunks is kept as
 * pieces until its end comes. Line ends are readline's: `\n`, `\r\n` and a lone `\r`.
 */
async function* lineBatches(file: string, io: CliIO): AsyncGenerator<string[]> {
  let pieces: Buffer[] = [];
  for await (const chunk of await openInput(file, io)) {
    const bytes: Buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const lines: string[] = [];
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      if (pieces.length === 0) pushLine(lines, bytes.toString('utf8', start, end));
      else {
        pushLine(lines, Buffer.concat([...pieces, bytes.subarray(start, end)]).toString('utf8'));
        pieces = [];
      }
      start = end + 1;
    }
    if (start < bytes.length) pieces.push(bytes.subarray(start));
    if (lines.length > 0) yield lines;
  }
  if (pieces.length > 0) {
    const lines: string[] = [];
    pushLine(lines, Buffer.concat(pieces).toString('utf8'));
    yield lines;
  }
}

/** A `\n`-ended piece of text as lines: a `\r` before the `\n` belongs to it, one elsewhere ends a line. */
function pushLine(lines: string[], piece: string): void {
  const line = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
  if (!line.includes('\r')) lines.push(line);
  else lines.push(...line.split('\r'));
}

/**
 * The format of a log from its first non-blank line: `[` a JSON array, `name=value&…` form bodies,
 * anything else JSON lines (so a malformed first line is reported as bad JSON).
 */
function detect(line: string): CallbackFormat {
  const start = line.trimStart();
  if (start.startsWith('[')) return 'json';
  return /^[\w.%+-]+=[^\s]*$/.test(start.trimEnd()) ? 'form' : 'jsonl';
}

/**
 * JSON with the shared depth limit, so a hostile nesting is one line, not a stack overflow. The
 * common line (valid, shallow) is parsed once by `JSON.parse` (V8's parser is iterative, so depth
 * cannot hurt it); only a line that fails or nests too deep goes through `parseJsonText`, which
 * names what is wrong exactly as it would have for any line.
 */
function parseJson(text: string, at: number | null, element: boolean): LogEntry {
  try {
    const body: unknown = JSON.parse(text);
    if (!isTooDeep(body)) return { body, error: null, at, element };
  } catch {
    // parseJsonText says why, below.
  }
  const parsed = parseJsonText(text);
  return parsed.ok
    ? { body: parsed.value, error: null, at, element }
    : { body: null, error: `not valid JSON (${parsed.error.message})`, at, element };
}

/**
 * Reads a provider log, a batch of entries at a time. JSON lines and form bodies stream; a JSON
 * array is read whole (it cannot be split before its end), so big logs should be JSON lines.
 */
export async function* readLog(file: string, format: CallbackFormat | 'auto', io: CliIO): AsyncGenerator<LogEntry[]> {
  let chosen: CallbackFormat | null = format === 'auto' ? null : format;
  let arrayText: string[] | null = null;
  let number = 0;
  for await (const lines of lineBatches(file, io)) {
    const entries: LogEntry[] = [];
    for (const raw of lines) {
      number++;
      const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (arrayText !== null) {
        arrayText.push(line);
        continue;
      }
      if (line.trim() === '') continue;
      chosen ??= detect(line);
      if (chosen === 'json') arrayText = [line];
      else if (chosen === 'form')
        entries.push({ body: parseFormBody(line.trim()), error: null, at: number, element: false });
      else entries.push(parseJson(line, number, false));
    }
    if (entries.length > 0) yield entries;
  }
  if (arrayText === null) return;
  const whole = parseJson(arrayText.join('\n'), null, false);
  if (whole.error !== null || !Array.isArray(whole.body)) {
    yield [{ body: null, error: whole.error ?? 'expected one JSON array of callbacks', at: null, element: false }];
    return;
  }
  yield whole.body.map((body: unknown, index: number) => ({ body, error: null, at: index, element: true }));
}
