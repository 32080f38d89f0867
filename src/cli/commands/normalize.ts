import { E164_EXPECTED, isE164 } from '../../../machines/input.js';
import { readCallback } from '../../carriers/callback.js';
import type { CallReplay, NormalizedRecord } from '../../carriers/replay.js';
import { ProviderLogStream, type StreamOutput } from '../../carriers/stream.js';
import { PROVIDER_NAMES, type ProviderName } from '../../carriers/providers/index.js';
import { describeValue, formatInputError } from '../../../machines/result.js';
import { escapeControl } from '../../input/index.js';
import { ByteWriter } from '../../simulator/bytes.js';
import { UsageError, parseOptions, type CliIO, type Command } from '../command.js';
import { DEFAULT_MESSAGE_MS, parseMessages } from '../messages-option.js';
import { CALLBACK_FORMATS, type CallbackFormat, readLog, whereOf } from './normalize-input.js';
import { writeNormalizedRecord } from './normalize-json.js';

const NAME = 'normalize';

/** How long a finished call stays open for late callbacks, in log time: a project choice (docs/normalize.md). */
const DEFAULT_GRACE_MS = 60_000;

const help = `Usage: call-lifecycle normalize --provider <name> [options] [events.jsonl | -]

Replays a provider's event log through the call machine and prints one call record per call, as
JSON lines. The log is JSON lines, one JSON array, or form-encoded bodies one per line (as Twilio and
Plivo post them); --format chooses, else the first line decides. Reads standard input when no file
(or -) is given. The log streams: a call's record is written once its provider has said the call is
over and no callback for it came within --grace ms of log time (the providers' timestamps); calls
still open at the end are written in the order of their first timestamp. Memory holds the calls in
flight, not the log; a JSON array is read whole.

Providers: ${PROVIDER_NAMES.join(', ')}.

Callbacks are grouped by the provider's call id and applied in the order of the provider's own
timestamps (sequence numbers break ties, lifecycle phase only where both are equal or missing), so
out-of-order callbacks give the same record; a redelivered callback applies once, and events after
the end land in ignoredEvents. Values the provider does not document
are listed in the record's "unmapped" field and on stderr; a documented callback that names no call
(a Vonage record or error webhook) is reported on stderr and skipped. See docs/carriers.md.

Options:
  --provider <name>     whose vocabulary the log speaks (required)
  --message-ms <ms>     the length of the one message each call plays (default ${DEFAULT_MESSAGE_MS}); used
                        for calls whose provider does not say when playback ended
  --messages <file>     a JSON array of messages [{ "id": "m1", "durationMs": 12000 }, ...] instead
  --voicemail <policy>  leave (default) or hangup, when a voicemail answers
  --to <+E164>          the destination for calls whose log names none
  --format <format>     auto (default), jsonl, json (one array) or form (one urlencoded body a line)
  --grace <ms>          how long, in log time, a finished call waits for late callbacks before its
                        record is written (default ${DEFAULT_GRACE_MS}); a callback for a call already written
                        is reported on stderr and not applied
  --skip-malformed      skip lines that are not JSON or not a callback, with a warning each,
                        instead of stopping at the first one (records already written stay)

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

function parseFormat(value: string | undefined): CallbackFormat | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if ((CALLBACK_FORMATS as readonly string[]).includes(value)) return value as CallbackFormat;
  throw new UsageError(`${NAME}: --format: expected auto, ${CALLBACK_FORMATS.join(', ')}, got ${describeValue(value)}`);
}

function parseGrace(value: string | undefined): number {
  if (value === undefined) return DEFAULT_GRACE_MS;
  const ms = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(ms))
    throw new UsageError(`${NAME}: --grace: expected a whole number of ms (log time), got ${describeValue(value)}`);
  return ms;
}

/**
 * Standard output a read chunk at a time (one write per few hundred records, not per record), and
 * warnings on stderr as they come, after the records before them. Records are written as bytes into
 * one reused buffer (`writeNormalizedRecord`), made a string once per write.
 */
class Output {
  private readonly pending = new ByteWriter();

  constructor(private readonly io: CliIO) {}

  record(record: NormalizedRecord): void {
    writeNormalizedRecord(this.pending, record);
  }

  line(text: string): void {
    this.pending.utf8(text);
  }

  /** One line on stderr; the provider's ids and values in it cannot forge lines or escape codes. */
  warn(text: string): void {
    this.flush();
    this.io.stderr(`call-lifecycle: ${NAME}: ${escapeControl(text)}\n`);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const { bytes, length } = this.pending;
    // Node's own UTF-8 slice: several times faster than TextDecoder on these mostly ASCII chunks.
    this.io.stdout(Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('utf8'));
    this.pending.length = 0;
  }
}

function report(call: CallReplay, provider: ProviderName, out: Output): boolean {
  if (call.kind === 'record') {
    out.record(call.record);
    for (const item of call.record.unmapped) {
      out.warn(
        `${provider} call ${call.callId}: unmapped ${item.field} ${describeValue(item.value)} (no event; see docs/carriers.md)`,
      );
    }
    return true;
  }
  out.line(`${JSON.stringify({ callId: call.callId, provider, error: call.kind, message: call.message })}\n`);
  out.warn(call.message);
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
        format: { type: 'string' },
        grace: { type: 'string' },
      },
      true,
    );
    if (positionals.length > 1)
      throw new UsageError(
        `${NAME}: expected at most one events file (or - for standard input), got ${positionals.length}`,
      );
    const provider = parseProvider(values.provider);
    const messages = await parseMessages(NAME, values, io);
    const voicemail = values.voicemail ?? 'leave';
    if (voicemail !== 'leave' && voicemail !== 'hangup')
      throw new UsageError(`${NAME}: --voicemail: expected "leave" or "hangup", got ${describeValue(voicemail)}`);
    if (values.to !== undefined && !isE164(values.to))
      throw new UsageError(`${NAME}: --to: expected ${E164_EXPECTED}, got ${describeValue(values.to)}`);
    const file = positionals[0] ?? '-';
    const skip = values['skip-malformed'] === true;
    const format = parseFormat(values.format);
    const graceMs = parseGrace(values.grace);
    let complete = true;
    const out = new Output(io);
    const output = (replay: StreamOutput) => {
      if (replay.kind === 'late') out.warn(replay.message);
      else complete = report(replay, provider, out) && complete;
    };
    const options = {
      messages,
      voicemail: voicemail as 'leave' | 'hangup',
      graceMs,
      ...(values.to === undefined ? {} : { to: values.to }),
    };
    const stream = new ProviderLogStream(provider, options, output);
    try {
      for await (const entries of readLog(file, format, io)) {
        for (const entry of entries) {
          const read = entry.error === null ? readCallback(provider, entry.body) : null;
          if (read?.ok === true) {
            stream.push(read.value);
            continue;
          }
          const unmapped = read?.error.unmapped;
          if (unmapped !== undefined) {
            // Documented, but about no call (a Vonage record or error webhook): said, not a malformed line.
            out.warn(
              `${whereOf(entry, file)}: unmapped ${unmapped.field} ${describeValue(unmapped.value)}: ${read?.error.message} (see docs/carriers.md)`,
            );
            continue;
          }
          const reason = `${whereOf(entry, file)}: ${read === null ? entry.error : formatInputError(read.error)}`;
          if (!skip) throw new UsageError(`${NAME}: ${reason}; use --skip-malformed to skip such lines`);
          out.warn(`skipped ${reason}`);
        }
        out.flush();
      }
      stream.end();
    } finally {
      // Records already replayed are written, even when a bad line stops the run.
      out.flush();
    }
    return complete ? 0 : 3;
  },
};
