import { createMachine } from 'xstate';
import type { CorpusMachine } from './types.js';

/** Events with underscores and digits, nested states and a shallow history (a CD player). */
export const cdPlayer: CorpusMachine = {
  name: 'cd player',
  source:
    'statelyai/xstate packages/core/test (CD player machines with INSERT_CD / EJECT_CD events); SCXML 1.0 §3.12.1 event names',
  machine: createMachine({
    id: 'cdPlayer',
    initial: 'not_loaded',
    states: {
      not_loaded: { on: { INSERT_CD: 'loaded' } },
      loaded: {
        initial: 'stopped',
        on: { EJECT_CD: 'not_loaded' },
        states: {
          stopped: { on: { PLAY: 'playing' } },
          playing: { on: { PAUSE: 'paused', STOP: 'stopped', SKIP_10S: 'playing' } },
          paused: { on: { PLAY: 'playing', STOP: 'stopped' } },
          last: { type: 'history' },
        },
      },
      standby: { on: { WAKE_UP_2: 'loaded.last' } },
    },
    on: { POWER_OFF: '.standby' },
  }),
  states: ['not_loaded', 'loaded', 'loaded.stopped', 'loaded.playing', 'loaded.paused', 'loaded.last', 'standby'],
  transitions: [
    '(root) POWER_OFF -> standby',
    'not_loaded INSERT_CD -> loaded',
    'loaded EJECT_CD -> not_loaded',
    'loaded.stopped PLAY -> loaded.playing',
    'loaded.playing PAUSE -> loaded.paused',
    'loaded.playing STOP -> loaded.stopped',
    'loaded.playing SKIP_10S -> loaded.playing',
    'loaded.paused PLAY -> loaded.playing',
    'loaded.paused STOP -> loaded.stopped',
    'standby WAKE_UP_2 -> loaded.last',
  ],
};

/** A checkout wizard: nested steps, `#id` targets, a history state with an explicit default. */
export const checkout: CorpusMachine = {
  name: 'checkout wizard',
  source: 'https://stately.ai/docs/history-states (history with a default target); multi-step form examples',
  machine: createMachine({
    id: 'checkout',
    initial: 'steps',
    states: {
      steps: {
        id: 'steps',
        initial: 'cart',
        states: {
          cart: { on: { NEXT: 'shipping' } },
          shipping: { on: { NEXT: 'payment', BACK: 'cart' } },
          payment: { on: { BACK: 'shipping', PAY: '#checkout.paid' } },
          resume: { type: 'history', target: 'shipping' },
        },
        on: { HELP: 'help' },
      },
      help: { on: { CLOSE: 'steps.resume' } },
      paid: { type: 'final' },
    },
  }),
  states: ['steps', 'steps.cart', 'steps.shipping', 'steps.payment', 'steps.resume', 'help', 'paid'],
  transitions: [
    'steps HELP -> help',
    'steps.cart NEXT -> steps.shipping',
    'steps.shipping NEXT -> steps.payment',
    'steps.shipping BACK -> steps.cart',
    'steps.payment BACK -> steps.shipping',
    'steps.payment PAY -> paid',
    'help CLOSE -> steps.resume',
  ],
};

/** Three levels deep with a transition from a compound state into its own child. */
export const settings: CorpusMachine = {
  name: 'settings',
  source: 'statelyai/xstate examples (nested menus); https://stately.ai/docs/parent-states',
  machine: createMachine({
    id: 'settings',
    initial: 'closed',
    states: {
      closed: { on: { OPEN: 'open' } },
      open: {
        initial: 'general',
        on: { CLOSE: 'closed', RESET: '.general' },
        states: {
          general: { on: { ADVANCED: 'advanced' } },
          advanced: {
            initial: 'network',
            states: {
              network: { on: { NEXT: 'storage' } },
              storage: { on: { NEXT: 'network', DONE: '#settings.open.general' } },
            },
          },
        },
      },
    },
  }),
  states: ['closed', 'open', 'open.general', 'open.advanced', 'open.advanced.network', 'open.advanced.storage'],
  transitions: [
    'closed OPEN -> open',
    'open CLOSE -> closed',
    'open RESET -> open.general',
    'open.general ADVANCED -> open.advanced',
    'open.advanced.network NEXT -> open.advanced.storage',
    'open.advanced.storage NEXT -> open.advanced.network',
    'open.advanced.storage DONE -> open.general',
  ],
};

/** A compound state reaching its final child, then `onDone` (a quiz). */
export const quiz: CorpusMachine = {
  name: 'quiz',
  source: 'https://stately.ai/docs/final-states (onDone of a parent state)',
  machine: createMachine({
    id: 'quiz',
    initial: 'questions',
    states: {
      questions: {
        initial: 'q1',
        states: {
          q1: { on: { ANSWER: 'q2' } },
          q2: { on: { ANSWER: 'finished' } },
          finished: { type: 'final' },
        },
        onDone: 'results',
      },
      results: { on: { RETRY: 'questions' } },
    },
  }),
  states: ['questions', 'questions.q1', 'questions.q2', 'questions.finished', 'results'],
  transitions: [
    'questions done -> results',
    'questions.q1 ANSWER -> questions.q2',
    'questions.q2 ANSWER -> questions.finished',
    'results RETRY -> questions',
  ],
};
