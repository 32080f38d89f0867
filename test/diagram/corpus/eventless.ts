import { assign, createMachine, setup } from 'xstate';
import type { CorpusMachine } from './types.js';

/** An event and a guarded `always` to the same target (a door that a master key opens at once). */
export const door: CorpusMachine = {
  name: 'door',
  source: 'https://stately.ai/docs/eventless-transitions (an always transition beside event transitions)',
  machine: setup({
    types: { context: {} as { master: boolean } },
    guards: { hasMasterKey: ({ context }) => context.master },
  }).createMachine({
    id: 'door',
    initial: 'locked',
    context: { master: false },
    states: {
      locked: {
        on: { UNLOCK: 'unlocked' },
        always: { guard: 'hasMasterKey', target: 'unlocked' },
      },
      unlocked: { on: { LOCK: 'locked', OPEN: 'open' } },
      open: { on: { CLOSE: 'unlocked' } },
    },
  }),
  states: ['locked', 'unlocked', 'open'],
  transitions: [
    'locked UNLOCK -> unlocked',
    'locked always -> unlocked',
    'unlocked LOCK -> locked',
    'unlocked OPEN -> open',
    'open CLOSE -> unlocked',
  ],
};

/** A transient choice state: guarded `always` alternatives and an `[else]` (an age check). */
export const ageGate: CorpusMachine = {
  name: 'age gate',
  source: 'https://stately.ai/docs/eventless-transitions (transient states choosing by guard)',
  machine: setup({
    types: { context: {} as { age: number } },
    guards: {
      isAdult: ({ context }) => context.age >= 18,
      isTeen: ({ context }) => context.age >= 13,
    },
  }).createMachine({
    id: 'ageGate',
    initial: 'asking',
    context: { age: 0 },
    states: {
      asking: { on: { SUBMIT_AGE: { target: 'checking', actions: assign({ age: 21 }) } } },
      checking: {
        always: [{ guard: 'isAdult', target: 'full' }, { guard: 'isTeen', target: 'limited' }, { target: 'denied' }],
      },
      full: { type: 'final' },
      limited: { type: 'final' },
      denied: { on: { RETRY: 'asking' } },
    },
  }),
  states: ['asking', 'checking', 'full', 'limited', 'denied'],
  transitions: [
    'asking SUBMIT_AGE -> checking',
    'checking always -> full',
    'checking always -> limited',
    'checking always -> denied',
    'denied RETRY -> asking',
  ],
};

/** Timers: numbers, a named delay, and a guarded delayed transition (a traffic light with a walk button). */
export const crossing: CorpusMachine = {
  name: 'crossing',
  source:
    'https://stately.ai/docs/delayed-transitions (numeric and named delays); statelyai/xstate examples/traffic-light',
  machine: setup({
    types: { context: {} as { waiting: boolean } },
    delays: { greenTime: 20_000 },
    guards: { someoneWaiting: ({ context }) => context.waiting },
  }).createMachine({
    id: 'crossing',
    initial: 'green',
    context: { waiting: false },
    states: {
      green: {
        after: {
          greenTime: [
            { guard: 'someoneWaiting', target: 'yellow' },
            { target: 'green', reenter: true },
          ],
        },
        on: { PRESS_WALK: { actions: assign({ waiting: true }) } },
      },
      yellow: { after: { 3000: 'red' } },
      red: {
        initial: 'walk',
        states: { walk: { after: { 10000: 'flashing' } }, flashing: { after: { 5000: '#crossing.green' } } },
      },
    },
  }),
  states: ['green', 'yellow', 'red', 'red.walk', 'red.flashing'],
  transitions: [
    'green PRESS_WALK -> (stays)',
    'green after:greenTime -> yellow',
    'green after:greenTime -> green',
    'yellow after:3000 -> red',
    'red.walk after:10000 -> red.flashing',
    'red.flashing after:5000 -> green',
  ],
};

/** A debounced search: a delay restarted by every keystroke (reenter), then a lookup. */
export const search: CorpusMachine = {
  name: 'search',
  source: 'debounce machines in public example apps; https://stately.ai/docs/delayed-transitions',
  machine: createMachine({
    id: 'search',
    initial: 'idle',
    states: {
      idle: { on: { TYPE: 'debouncing' } },
      debouncing: { on: { TYPE: { target: 'debouncing', reenter: true } }, after: { 300: 'searching' } },
      searching: { on: { RESULTS: 'idle', TYPE: 'debouncing' } },
    },
  }),
  states: ['idle', 'debouncing', 'searching'],
  transitions: [
    'idle TYPE -> debouncing',
    'debouncing TYPE -> debouncing',
    'debouncing after:300 -> searching',
    'searching RESULTS -> idle',
    'searching TYPE -> debouncing',
  ],
};
