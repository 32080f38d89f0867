import { parseCallInput, type MessageSpec } from '../../../machines/input.js';
import { replayProviderLog, type CallReplay } from '../../carriers/replay.js';
import { PROVIDER_NAMES, type ProviderName } from '../../carriers/providers/index.js';
import { describeValue, formatInputError } from '../../../machines/result.js';
import { UsageError, parseOptions, type CliIO, type Command } from '../command.js';
import { readJsonInput, readTextInput } from '../read-input.js';

/** The message length a normalized call plays when none is given: a project assumption, not a measurement. */
export const DEFAULT_MESSAGE_MS = 30_000;

const NAME = 'normalize';

const help = `Usage: call-lifecycle normalize --provider <name> [options] [events.jsonl | -]

Replays a provider's event log (one JSON callback per line, or one JSON array of callbacks) through
the call machine and prints one call record per call, as JSON lines, ordered by each call's first
timestamp. Reads standard input when no file (or -) is given.

Providers: ${PROVIDER_NAMES.join(', ')}.

Callbacks are grouped by the provider's call id and applied in the order of the provider's own
timestamps (sequence numbers break ties, lifecycle phase only where both are equal or missing), so
out-of-order callbacks give the same record; a redelivered callback applies once, and events after
the end land in ignoredEvents. Values the provider does not document
are listed in the record's "unmapped" field and on stderr. See docs/carriers.md.

Options:
  --provider <name>     whose vocabulary the log speaks (required)
  --message-ms <ms>     the length of the one message each call plays (default ${DEFAULT_MESSAGE_MS}); used
                        for calls whose provider does not say when playback ended
  --messages <file>     a JSON array of messages [{ "id": "m1", "durationMs": 12000 }, ...] instead
  --voicemail <policy>  leave (default) or hangup, when a voicemail answers
  --to <+E164>          the destination for calls whose log names none
  --skip-malformed      skip lines that are not JSON or not a callback, with a warning each,
                        instead of stopping at the first one

Exit codes:
  0  every call has a record
  2  bad options or input (one line on stderr names the line number and the problem)
  3  some call's log ends before its outcome (a line is printed for it, and one on stderr)
`;

function parseProvider(value: string | undefined): ProviderName {
  if (value === undefined)
    throw new UsageError(`${NAME}: --provider is required (accepted: ${PROVIDER_NAMES.join(', ')})`);
  if (!(PROVIDER_NAMES as readonly string[]).includes(value)) {
    throw new UsageError(`${NAME}: unknown provider ${describeValue(value)} (accepted: ${PROVIDER_NAMES.join(', ')})`);
  }
  return value as ProviderName;
}

async function parseMessages(options: { 'message-ms'?: string; messages?: string }, io: CliIO): Promise<MessageSpec[]> {
  if (options['message-ms'] !== undefined && options.messages !== undefined)
    throw new UsageError(`${NAME}: give --message-ms or --messages, not both`);
  const raw =
    options.messages === undefined
      ? [
          {
            id: 'message',
            durationMs: options['message-ms'] === undefined ? DEFAULT_MESSAGE_MS : Number(options['message-ms']),
          },
        ]
      : await readJsonInput(options.messages, io);
  // Only the messages are checked here; the number is a stand-in that never reaches a record.
  const parsed = parseCallInput({ to: '+10000000000', messages: raw }, '');
  if (!parsed.ok) {
    const where = options.messages === undefined ? '--message-ms' : options.messages;
    const message =
      options.messages === undefined
        ? `expected a whole number of ms from 1 to 86400000, got ${describeValue(options['message-ms'])}`
        : formatInputError(parsed.error);
    throw new UsageError(`${NAME}: ${where}: ${message}`);
  }
  return [...parsed.value.messages];
}

/** A whole input that is one JSON array of callbacks (how webhooks are often saved), or null. */
function wholeArray(text: string): unknown[] | null {
  if (!text.trimStart().startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Parses JSON lines (or one JSON array of callbacks); a bad line is an error naming its number, or
 * a warning with --skip-malformed. `where` names a callback's place for messages.
 */
function parseLines(
  text: string,
  source: string,
  skip: boolean,
  io: CliIO,
): { payloads: unknown[]; where: (index: number) => string } {
  const array = wholeArray(text);
  if (array !== null) return { payloads: array, where: (index) => `${source}: element ${index}` };
  const payloads: unknown[] = [];
  const lineOf: number[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    try {
      payloads.push(JSON.parse(line));
      lineOf.push(index + 1);
    } catch (error) {
      const reason = `${source}:${index + 1}: not valid JSON (${error instanceof Error ? error.message.split('\n')[0] : 'malformed'})`;
      if (!skip) throw new UsageError(`${NAME}: ${reason}; use --skip-malformed to skip such lines`);
      io.stderr(`call-lifecycle: ${NAME}: skipped ${reason}\n`);
    }
  }
  return { payloads, where: (index) => `${source}:${lineOf[index] ?? '?'}` };
}

function report(call: CallReplay, provider: ProviderName, io: CliIO): boolean {
  if (call.kind === 'record') {
    io.stdout(`${JSON.stringify(call.record)}\n`);
    for (const item of call.record.unmapped) {
      io.stderr(
        `call-lifecycle: ${NAME}: ${provider} call ${call.callId}: unmapped ${item.field} ${describeValue(item.value)} (no event; see docs/carriers.md)\n`,
      );
    }
    return true;
  }
  io.stdout(`${JSON.stringify({ callId: call.callId, provider, error: call.kind, message: call.message })}\n`);
  io.stderr(`call-lifecycle: ${NAME}: ${call.message}\n`);
  return false;
}

export const normalizeCommand: Command = {
  name: NAME,
  summary: "replay a provider's event log (Twilio, Vonage, Telnyx, Plivo, Asterisk, FreeSWITCH) into call records",
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(
      NAME,
      args,
      {
        provider: { type: 'string' },
        'message-ms': { type: 'string' },
        messages: { type: 'string' },
        voicemail: { type: 'string' },
        to: { type: 'string' },
        'skip-malformed': { type: 'boolean' },
      },
      true,
    );
    if (positionals.length > 1)
      throw new UsageError(
        `${NAME}: expected at most one events file (or - for standard input), got ${positionals.length}`,
      );
    const provider = parseProvider(values.provider);
    const messages = await parseMessages(values, io);
    const voicemail = values.voicemail ?? 'leave';
    if (voicemail !== 'leave' && voicemail !== 'hangup')
      throw new UsageError(`${NAME}: --voicemail: expected "leave" or "hangup", got ${describeValue(voicemail)}`);
    if (values.to !== undefined && !/^\+[1-9]\d{1,14}$/.test(values.to))
      throw new UsageError(
        `${NAME}: --to: expected an E.164 number such as "+33612345678", got ${describeValue(values.to)}`,
      );
    const file = positionals[0] ?? '-';
    const source = file === '-' ? 'standard input' : file;
    const skip = values['skip-malformed'] === true;
    const { payloads, where } = parseLines(await readTextInput(file, io), source, skip, io);
    const result = replayProviderLog(provider, payloads, {
      messages,
      voicemail,
      ...(values.to === undefined ? {} : { to: values.to }),
    });
    for (const rejected of result.rejected) {
      const reason = `${where(rejected.index)}: ${formatInputError(rejected.error)}`;
      if (!skip) throw new UsageError(`${NAME}: ${reason}; use --skip-malformed to skip such lines`);
      io.stderr(`call-lifecycle: ${NAME}: skipped ${reason}\n`);
    }
    let complete = true;
    for (const call of result.calls) complete = report(call, provider, io) && complete;
    return complete ? 0 : 3;
  },
};
