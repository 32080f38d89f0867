import { PROVIDER_NAMES, type ProviderName } from '../../carriers/providers/index.js';
import { replayProviderLog } from '../../carriers/replay.js';
import { callLadder, type Ladder, type LadderEventLike } from '../../diagram/ladder.js';
import { formatInputError, listAccepted } from '../../../machines/result.js';
import { runScenario } from '../../scenario/run.js';
import { UsageError, type CliIO } from '../command.js';
import { readJsonInput, readTextInput } from '../read-input.js';

/** What a provider log's calls play: providers never say how long a message is (see normalize --help). */
const LADDER_MESSAGE = { id: 'message', durationMs: 30_000 };

/** A call replayed from a scenario: its ladder, with the scenario's SIP and Q.850 codes on the arrows. */
export async function ladderFromScenario(file: string, io: CliIO): Promise<Ladder> {
  const scenario = await readJsonInput(file, io);
  const result = runScenario(scenario);
  if (!result.ok) {
    const reason = result.error.kind === 'invalid' ? formatInputError(result.error) : result.error.message;
    throw new UsageError(`diagram: --scenario ${file}: ${reason}`);
  }
  const events = (scenario as { events?: readonly LadderEventLike[] }).events ?? [];
  return callLadder(result.record, events);
}

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
