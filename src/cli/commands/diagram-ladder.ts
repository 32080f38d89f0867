// The calls `diagram` draws: replayed from a scenario, read from a SIP capture, or replayed from a
// provider's log (ladder only).
import type { MessageSpec } from '../../../machines/input.js';
import type { CallRecord } from '../../../machines/record.js';
import { PROVIDER_NAMES, type ProviderName } from '../../carriers/providers/index.js';
import { replayProviderLog } from '../../carriers/replay.js';
import { CALL_EXPLORER_INPUT } from '../../diagram/call-machine.js';
import { callLadder, type Ladder, type LadderEventLike } from '../../diagram/ladder.js';
import { describeValue, formatInputError, listAccepted } from '../../../machines/result.js';
import { runScenario } from '../../scenario/run.js';
import { CaptureFormatError } from '../../sip/capture/file-reader.js';
import type { OurSide } from '../../sip/capture-calls.js';
import { captureLadder, type CaptureLadder } from '../../sip/capture-ladder.js';
import { CaptureFileError, captureChunks } from '../../sip/node/capture-file.js';
import { UsageError, type CliIO } from '../command.js';
import { parseMessages } from '../messages-option.js';
import { inputName, readJsonInput, readTextInput } from '../read-input.js';
import { parseUs } from './sip.js';

/** What a provider log's calls play: providers never say how long a message is (see normalize --help). */
const LADDER_MESSAGE = { id: 'message', durationMs: 30_000 };

/** JSON lines, or one JSON array of callbacks; a bad line names its number. */
function parsePayloads(text: string, file: string): unknown[] {
  if (text.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not one array: read it as JSON lines below, which names the bad line.
    }
  }
  const payloads: unknown[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    try {
      payloads.push(JSON.parse(line));
    } catch {
      throw new UsageError(`diagram: ${file}:${index + 1}: not valid JSON`);
    }
  }
  return payloads;
}

/** One call of a provider's log (`--call ID`, or the log's only call), replayed as `normalize` does. */
export async function ladderFromProviderLog(
  provider: string,
  file: string,
  callId: string | undefined,
  io: CliIO,
): Promise<Ladder> {
  if (!(PROVIDER_NAMES as readonly string[]).includes(provider))
    throw new UsageError(`diagram: unknown provider "${provider}" (accepted: ${listAccepted(PROVIDER_NAMES)})`);
  const replay = replayProviderLog(provider as ProviderName, parsePayloads(await readTextInput(file, io), file), {
    messages: [LADDER_MESSAGE],
  });
  const ids = replay.calls.map((call) => call.callId);
  if (callId === undefined && ids.length !== 1)
    throw new UsageError(
      `diagram: ${file} holds ${ids.length} calls: name one with --call (${ids.length === 0 ? 'none found' : `accepted: ${listAccepted(ids.slice(0, 8))}${ids.length > 8 ? ', …' : ''}`})`,
    );
  const call = replay.calls.find((candidate) => callId === undefined || candidate.callId === callId);
  if (call === undefined)
    throw new UsageError(`diagram: ${file} has no call "${callId}" (accepted: ${listAccepted(ids.slice(0, 8))})`);
  if (call.kind !== 'record') throw new UsageError(`diagram: ${file}: call ${call.callId}: ${call.message}`);
  return callLadder(call.record);
}

/** The capture options `diagram` shares with `sip`: our side, the destination, the message length. */
interface CaptureLadderOptions {
  readonly us?: OurSide | undefined;
  readonly to?: string | undefined;
  readonly messages: readonly MessageSpec[];
}

/** One call of a SIP capture (`--call CALL-ID`, or the capture's only call), read as `sip` reads it. */
async function ladderFromCapture(
  file: string,
  callId: string | undefined,
  options: CaptureLadderOptions,
  io: CliIO,
): Promise<{ ladder: Ladder; record: CallRecord }> {
  let found: CaptureLadder;
  try {
    found = await captureLadder(
      captureChunks(file, io.cwd),
      {
        messages: options.messages,
        ...(options.us === undefined ? {} : { us: options.us }),
        ...(options.to === undefined ? {} : { to: options.to }),
      },
      callId,
    );
  } catch (error) {
    if (error instanceof CaptureFormatError || error instanceof CaptureFileError)
      throw new UsageError(`diagram: ${inputName(file)}: ${error.message.replace(/^cannot read [^:]*: /, '')}`);
    throw error;
  }
  const named = `${listAccepted(found.callIds)}${found.calls > found.callIds.length ? ', …' : ''}`;
  if (found.call === null)
    throw new UsageError(
      found.calls === 0
        ? `diagram: ${inputName(file)} holds no call of ours (no INVITE${options.us === undefined ? '' : ' from --us'})`
        : callId === undefined
          ? `diagram: ${inputName(file)} holds ${found.calls} calls: name one with --call (accepted: ${named})`
          : `diagram: ${inputName(file)} has no call "${callId}" (accepted: ${named})`,
    );
  if (found.call.kind !== 'record' || found.ladder === null)
    throw new UsageError(
      `diagram: ${inputName(file)}: ${found.call.kind === 'record' ? 'no ladder' : found.call.message}`,
    );
  return { ladder: found.ladder, record: found.call.record };
}

/** The options of `diagram`, as parsed. */
export interface DiagramValues {
  readonly scenario?: string;
  readonly provider?: string;
  readonly log?: string;
  readonly capture?: string;
  readonly call?: string;
  readonly machine?: string;
  readonly title?: string;
  readonly us?: string;
  readonly to?: string;
  readonly 'message-ms'?: string;
  readonly messages?: string;
}

/** A recorded call to draw: replayed from a scenario, or read from a SIP capture. */
export interface RecordedCall {
  readonly record: CallRecord;
  readonly ladder: Ladder;
  /** The input the explorer's live actor starts with. */
  readonly input: unknown;
}

/** The call named by --scenario or --capture [--call], or null when neither is given. */
export async function recordedCall(values: DiagramValues, io: CliIO): Promise<RecordedCall | null> {
  if (values.scenario !== undefined) {
    const scenario = await readJsonInput(values.scenario, io);
    const result = runScenario(scenario);
    if (!result.ok) {
      const reason = result.error.kind === 'invalid' ? formatInputError(result.error) : result.error.message;
      throw new UsageError(`diagram: --scenario ${values.scenario}: ${reason}`);
    }
    const events = (scenario as { events?: readonly LadderEventLike[] }).events ?? [];
    return {
      record: result.record,
      ladder: callLadder(result.record, events),
      input: (scenario as { call: unknown }).call,
    };
  }
  if (values.capture !== undefined) {
    const { ladder, record } = await ladderFromCapture(
      values.capture,
      values.call,
      await captureOptions(values, io),
      io,
    );
    // The capture's call as the live actor's input, with the explorer's usual message.
    return { record, ladder, input: { ...CALL_EXPLORER_INPUT, callId: record.callId, to: record.to } };
  }
  return null;
}

/** `--us`, `--to` and `--message-ms` / `--messages`: read as `sip` reads them. */
async function captureOptions(values: DiagramValues, io: CliIO): Promise<CaptureLadderOptions> {
  if (values.to !== undefined && !/^\+[1-9]\d{1,14}$/.test(values.to))
    throw new UsageError(
      `diagram: --to: expected an E.164 number such as "+33612345678", got ${describeValue(values.to)}`,
    );
  return {
    us: values.us === undefined ? undefined : parseUs('diagram', values.us),
    to: values.to,
    messages: await parseMessages('diagram', values, io),
  };
}
