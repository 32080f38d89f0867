import { CALL_EVENT_TYPES } from '../../../machines/events.js';
import { TIMER_DEFAULTS } from '../../../machines/timers.js';
import { formatInputError } from '../../../machines/result.js';
import { runScenario } from '../../scenario/run.js';
import { UsageError, parseOptions, type Command } from '../command.js';
import { readJsonInput } from '../read-input.js';
import { wrapList } from '../wrap.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'replay one call scenario through the machine and print its record',
  help: `Usage: call-lifecycle run <scenario.json | ->

Replays a scenario through the call machine on a simulated clock and prints the call record as JSON.

A scenario is { "call": <input>, "events": [{ "at": <ms>, "type": <event>, ...payload }] }.
Events apply in order at their "at" (ms since the call started, never decreasing); timers fire at
their exact times in between; after the last event the clock runs on until the call ends.
Use - to read the scenario from standard input. Examples: examples/*.json.

Call input: to (E.164), messages [{ id, durationMs? }], callId, blacklisted (false), amd (true),
voicemail ("leave" | "hangup"), timeouts (ms, defaults):
${wrapList(Object.entries(TIMER_DEFAULTS).map(([name, ms]) => `${name} ${ms}`))}

Events (carrier.* may carry sipCode and q850; playback.ended may carry messageId):
${wrapList(CALL_EVENT_TYPES)}

Exit codes:
  0  the record was printed
  2  the scenario is invalid (one line on stderr names the problem)
  3  the call cannot end without an event that never came (its progress is printed)
`,
  async run(args, io) {
    const { positionals } = parseOptions('run', args, {}, true);
    if (positionals.length !== 1) throw new UsageError('run: expected one scenario file (or - for standard input)');
    const source = await readJsonInput(positionals[0] as string, io);
    const result = runScenario(source);
    if (result.ok) {
      io.stdout(`${JSON.stringify(result.record, null, 2)}\n`);
      return 0;
    }
    if (result.error.kind === 'invalid')
      throw new UsageError(`run: invalid scenario: ${formatInputError(result.error)}`);
    io.stdout(`${JSON.stringify({ stalled: true, ...result.error.progress }, null, 2)}\n`);
    io.stderr(`call-lifecycle: run: ${result.error.message}\n`);
    return 3;
  },
};
