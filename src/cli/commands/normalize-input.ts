import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parseFormBody } from '../../carriers/callback.js';
import { parseJsonText } from '../../input/index.js';
import { type CliIO, UsageError } from '../command.js';

/** How callbacks are written in a log: one JSON object a line, one JSON array, or one form body a line. */
export const CALLBACK_FORMATS = ['jsonl', 'json', 'form'] as const;
export type CallbackFormat = (typeof CALLBACK_FORMATS)[number];

/** One callback read from the log, with where it was (for messages). */
export interface LogEntry {
  readonly where: string;
  readonly body: unknown;
  /** Why the entry could not be parsed, or null. */
  readonly error: string | null;
}

/** The lines of a file or of standard input, read as they come (never the whole file at once). */
async function* linesOf(file: string, io: CliIO): AsyncGenerator<string> {
  let input: Readable;
  if (file === '-') input = io.readStdinStream?.() ?? Readable.from([await io.readStdin()]);
  else {
    input = createReadStream(resolve(io.cwd, file), { encoding: 'utf8' });
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
  }
  yield* createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
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

/** JSON with the shared depth limit, so a hostile nesting is one line, not a stack overflow. */
function parseJson(text: string): { body: unknown; error: string | null } {
  const parsed = parseJsonText(text);
  return parsed.ok
    ? { body: parsed.value, error: null }
    : { body: null, error: `not valid JSON (${parsed.error.message})` };
}

/**
 * Reads a provider log entry by entry. JSON lines and form bodies stream line by line; a JSON
 * array is read whole (it cannot be split before its end), so big logs should be JSON lines.
 */
export async function* readLog(file: string, format: CallbackFormat | 'auto', io: CliIO): AsyncGenerator<LogEntry> {
  const source = file === '-' ? 'standard input' : file;
  let chosen: CallbackFormat | null = format === 'auto' ? null : format;
  let arrayText: string[] | null = null;
  let number = 0;
  for await (const raw of linesOf(file, io)) {
    number++;
    const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (arrayText !== null) {
      arrayText.push(line);
      continue;
    }
    if (line.trim() === '') continue;
    chosen ??= detect(line);
    if (chosen === 'json') {
      arrayText = [line];
      continue;
    }
    const where = `${source}:${number}`;
    if (chosen === 'form') yield { where, body: parseFormBody(line.trim()), error: null };
    else yield { where, ...parseJson(line) };
  }
  if (arrayText === null) return;
  const whole = parseJson(arrayText.join('\n'));
  if (whole.error !== null || !Array.isArray(whole.body)) {
    yield { where: source, body: null, error: whole.error ?? 'expected one JSON array of callbacks' };
    return;
  }
  for (const [index, body] of whole.body.entries()) yield { where: `${source}: element ${index}`, body, error: null };
}
