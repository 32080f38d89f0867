// `npm run bench -- long-call`: one call with very many events, through the machine (runScenario)
// and through a provider replay (replayProviderLog). Appends to the timeline and ignored events
// are O(1) amortized (machines/append-log.ts), so the cost per event must stay flat as the call
// grows: the figure to read is the cost per event at each size against the smallest, measured in
// this run (a copy per event, as before issue 11, made it grow with the size: ×100 at 1,000,000).
import { replayProviderLog } from '../src/carriers/replay.js';
import { runScenario } from '../src/scenario/run.js';

const SIZES = [10_000, 100_000, 1_000_000];

function scenarioWith(ignored: number) {
  const events: { at: number; type: string }[] = [{ at: 0, type: 'carrier.ringing' }];
  // A detection verdict while the call still rings changes nothing: the machine lists it as ignored.
  for (let i = 0; i < ignored; i++) events.push({ at: 1, type: 'amd.human' });
  events.push({ at: 2, type: 'carrier.busy' });
  return { call: { to: '+33612345678', messages: [{ id: 'm', durationMs: 1_000 }] }, events };
}

function twilioLog(callbacks: number) {
  // Twilio's status callbacks (twilio.com/docs/voice/api/call-resource#statuscallback): the same
  // "ringing" retried many times, then "busy"; every repeat is an ignored event.
  const log: Record<string, string>[] = [];
  for (let i = 0; i < callbacks; i++)
    log.push({ CallSid: 'CA1', CallStatus: 'ringing', To: '+33612345678', SequenceNumber: String(i) });
  log.push({ CallSid: 'CA1', CallStatus: 'busy', To: '+33612345678', SequenceNumber: String(callbacks) });
  return log;
}

function time(task: () => number): { ms: number; events: number } {
  const started = performance.now();
  const events = task();
  return { ms: performance.now() - started, events };
}

const rows: string[] = [];
let machineBase = 0;
for (const size of SIZES) {
  const scenario = scenarioWith(size);
  const { ms, events } = time(() => {
    const result = runScenario(scenario);
    if (!result.ok) throw new Error('bug: the bench scenario must end');
    return result.record.ignoredEvents.length;
  });
  const perEvent = (ms * 1000) / size;
  if (machineBase === 0) machineBase = perEvent;
  rows.push(
    `| run, ${size.toLocaleString('en-US')} ignored events | ${events.toLocaleString('en-US')} | ${(ms / 1000).toFixed(2)} | ${perEvent.toFixed(1)} | ${(perEvent / machineBase).toFixed(2)} |`,
  );
}
let replayBase = 0;
for (const size of SIZES.slice(0, 2)) {
  const log = twilioLog(size);
  const { ms, events } = time(() => {
    const [call] = replayProviderLog('twilio', log, { messages: [{ id: 'm', durationMs: 1_000 }] }).calls;
    if (call?.kind !== 'record') throw new Error('bug: the bench log must end');
    return call.record.ignoredEvents.length;
  });
  const perEvent = (ms * 1000) / size;
  if (replayBase === 0) replayBase = perEvent;
  rows.push(
    `| normalize, ${size.toLocaleString('en-US')} callbacks | ${events.toLocaleString('en-US')} | ${(ms / 1000).toFixed(2)} | ${perEvent.toFixed(1)} | ${(perEvent / replayBase).toFixed(2)} |`,
  );
}
console.log('| one call | ignored events in its record | s | µs per event | × per event at the smallest size |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
