// `npm run bench -- live`: what running calls with `LiveCalls` costs (issue 9), each figure against
// a baseline measured in this run, with the load average beside it (2 cores shared: a busy machine
// moves every figure):
// - per event: `LiveCalls` against a bare XState actor of a machine with as many states, each step
//   with two assigns (target ≤ 1.5×); the call machine's own actor is shown too;
// - heap per live call with 100,000 calls ringing (target ≤ 4 KB), beside a call machine actor's;
// - timer lateness at 10,000 live calls on the real clock (target p99 ≤ 10 ms), beside as many bare
//   `setTimeout`s.
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { assign, createActor, setup, type AnyStateNode } from 'xstate';
import { callMachine } from '../machines/call.machine.js';
import type { CallEvent } from '../machines/events.js';
import type { CallInput } from '../machines/input.js';
import { routeEvent } from '../machines/route-event.js';
import { VirtualClock } from '../src/call/clock.js';
import type { HostClock } from '../src/live/host-clock.js';
import { LiveCalls } from '../src/live/live-calls.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const load = () => (loadavg()[0] ?? 0).toFixed(2);

// One answered call, as a simulator drives it: five events, the last ending the call.
const INPUT = { to: '+33612345678', messages: [{ id: 'm1' }], amd: true } satisfies CallInput;
const SCRIPT: (CallEvent & { at: number })[] = [
  { type: 'carrier.ringing', at: 1_000, sipCode: 180 },
  { type: 'carrier.answered', at: 5_000, sipCode: 200 },
  { type: 'amd.human', at: 6_000 },
  { type: 'playback.ended', at: 10_000, messageId: 'm1' },
  { type: 'recipient.hangup', at: 10_500 },
];

function countNodes(node: AnyStateNode): number {
  return 1 + Object.values(node.states).reduce((sum, child) => sum + countNodes(child), 0);
}

/** A bare machine as large as the call machine: a ring of states, each step with two assigns. */
function bareMachine(states: number) {
  const ids = Array.from({ length: states }, (_, index) => `s${index}`);
  return setup({
    types: { context: {} as { now: number; steps: number }, events: {} as { type: 'step'; at: number } },
    actions: {
      stamp: assign(({ event }) => ({ now: event.at })),
      count: assign(({ context }) => ({ steps: context.steps + 1 })),
    },
  }).createMachine({
    context: { now: 0, steps: 0 },
    initial: 's0',
    states: Object.fromEntries(
      ids.map((id, index) => [
        id,
        { entry: ['count'], on: { step: { target: `s${(index + 1) % states}`, actions: 'stamp' } } },
      ]),
    ),
  });
}

/** A host clock that never moves and never fires: the cost of the runtime alone. */
const stillClock: HostClock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };

const CALLS = 20_000;
const bare = bareMachine(countNodes(callMachine.root));

const runs = {
  'bare XState actor, same size': () => {
    for (let call = 0; call < CALLS; call++) {
      const actor = createActor(bare).start();
      for (const event of SCRIPT) actor.send({ type: 'step', at: event.at });
      actor.stop();
    }
  },
  'call machine actor (CallSession, runScenario)': () => {
    for (let call = 0; call < CALLS; call++) {
      const clock = new VirtualClock();
      const actor = createActor(callMachine, { clock, input: INPUT }).start();
      for (const event of SCRIPT) {
        clock.advanceTo(event.at);
        actor.send(routeEvent(actor.getSnapshot(), event));
      }
      if (actor.getSnapshot().status !== 'done') throw new Error('bug: the bench call must end');
    }
  },
  LiveCalls: () => {
    const live = new LiveCalls({ clock: stillClock });
    let ended = 0;
    live.onEnded(() => ended++);
    for (let call = 0; call < CALLS; call++) {
      const id = live.start(INPUT);
      for (const event of SCRIPT) live.send(id, event);
    }
    if (ended !== CALLS) throw new Error('bug: every bench call must end');
  },
};

// Interleaved rounds, the median of each: a burst of load hits all three alike.
const samples = new Map<string, number[]>(Object.keys(runs).map((name) => [name, []]));
for (let round = 0; round < 5; round++) {
  for (const [name, run] of Object.entries(runs)) {
    gc();
    const started = performance.now();
    run();
    samples.get(name)?.push(performance.now() - started);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const perEvent = new Map([...samples].map(([name, ms]) => [name, (median(ms) * 1000) / (CALLS * SCRIPT.length)]));
const base = perEvent.get('bare XState actor, same size') ?? 1;
console.log(
  `Per event (${CALLS.toLocaleString('en-US')} calls × ${SCRIPT.length} events, start included; median of 5; load average ${load()}):\n`,
);
console.log('| runner | µs per event | × bare actor |');
console.log('| --- | ---: | ---: |');
for (const [name, us] of perEvent) console.log(`| ${name} | ${us.toFixed(2)} | ${(us / base).toFixed(2)} |`);
console.log('\nTarget: LiveCalls ≤ 1.5× the bare actor.\n');

/** Heap held per item by `count` items that `make` keeps alive, after a full collection. */
function heapPerItem(count: number, make: (index: number) => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let index = 0; index < count; index++) kept.push(make(index));
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== count) throw new Error('bug');
  return (after - before) / count;
}

const LIVE_CALLS = 100_000;
const ringing = SCRIPT[0] as CallEvent & { at: number };
let live = new LiveCalls({ clock: stillClock, maxCalls: LIVE_CALLS });
const liveBytes = heapPerItem(LIVE_CALLS, () => live.send(live.start(INPUT), ringing));
const actorBytes = heapPerItem(10_000, () => {
  const clock = new VirtualClock();
  const actor = createActor(callMachine, { clock, input: INPUT }).start();
  clock.advanceTo(ringing.at);
  actor.send(ringing);
  return actor;
});
if (live.size !== LIVE_CALLS) throw new Error('bug: every call must still ring');
live.close();
// Let the 100,000 calls go: collecting them must not pause the timers measured below.
live = new LiveCalls({ clock: stillClock });
console.log(`Heap per ringing call (after a full GC; load average ${load()}):\n`);
console.log('| runner | calls | KB per call | × call machine actor |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| call machine actor on a VirtualClock | 10,000 | ${(actorBytes / 1024).toFixed(2)} | 1.00 |`);
console.log(
  `| LiveCalls | ${LIVE_CALLS.toLocaleString('en-US')} | ${(liveBytes / 1024).toFixed(2)} | ${(liveBytes / actorBytes).toFixed(2)} |`,
);
console.log('\nTarget: LiveCalls ≤ 4 KB per live call.\n');

// Timer lateness on the real clock: 10,000 calls whose carrier timer (SIP Timer B) fires at a
// spread of moments over two seconds, against as many bare setTimeouts spread the same way. The
// first is due 1 s after its start, so starting the 10,000 calls (a burst of about 0.3 s on this
// machine, shown below) is over before any timer is due: what is measured is the timers.
const TIMED = 10_000;
const delayOf = (index: number) => 1_000 + ((index * 7919) % 2_000);
const bursts: number[] = [];
const monotonic: HostClock = {
  now: () => performance.now(),
  setTimeout: (fire, ms) => setTimeout(fire, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function bareLateness(): Promise<number[]> {
  const late: number[] = [];
  await new Promise<void>((done) => {
    for (let index = 0; index < TIMED; index++) {
      const due = performance.now() + delayOf(index);
      setTimeout(() => {
        late.push(performance.now() - due);
        if (late.length === TIMED) done();
      }, delayOf(index));
    }
  });
  return late;
}

async function liveLateness(): Promise<number[]> {
  const runtime = new LiveCalls({ clock: monotonic });
  const startedAt = new Map<string, number>();
  const late: number[] = [];
  await new Promise<void>((done) => {
    runtime.onEnded((record) => {
      late.push(performance.now() - ((startedAt.get(record.callId) ?? 0) + record.endedAt));
      if (late.length === TIMED) done();
    });
    const burst = performance.now();
    for (let index = 0; index < TIMED; index++) {
      const at = performance.now();
      const id = runtime.start({ ...INPUT, timeouts: { carrierMs: delayOf(index) } });
      startedAt.set(id, at);
    }
    bursts.push(performance.now() - burst);
  });
  runtime.close();
  return late;
}

// Three interleaved rounds of each, every round shown: one busy moment of a shared machine moves a p99.
const rounds: [string, number[]][] = [];
for (let round = 1; round <= 3; round++) {
  gc();
  rounds.push([`bare setTimeout, one per timer (round ${round})`, await bareLateness()]);
  gc();
  rounds.push([`LiveCalls, one host timer (round ${round})`, await liveLateness()]);
}
console.log(
  `Timer lateness, ${TIMED.toLocaleString('en-US')} timers over 2 s on the real clock (load average ${load()}):\n`,
);
console.log('| timers | p50 ms | p99 ms | max ms |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, late] of rounds) {
  console.log(
    `| ${name} | ${percentile(late, 50).toFixed(2)} | ${percentile(late, 99).toFixed(2)} | ${Math.max(...late).toFixed(2)} |`,
  );
}
console.log(
  `\nStarting the 10,000 calls took ${bursts.map((ms) => ms.toFixed(0)).join(', ')} ms (rounds 1-3), before the first deadline.`,
);
console.log('Target: LiveCalls p99 ≤ 10 ms.');
