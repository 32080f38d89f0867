import { and, assign, createMachine, emit, not, or, raise, setup, stateIn } from 'xstate';
import type { CorpusMachine } from './types.js';

/** Tags, descriptions on states and transitions, entry/exit actions (an order's lifecycle). */
export const order: CorpusMachine = {
  name: 'order',
  source:
    'https://stately.ai/docs/descriptions and https://stately.ai/docs/tags; https://stately.ai/docs/actions (entry/exit)',
  machine: setup({
    actions: { notifyCustomer: () => {}, chargeCard: () => {}, releaseStock: () => {} },
  }).createMachine({
    id: 'order',
    initial: 'pending',
    description: 'An online order from checkout to delivery',
    states: {
      pending: {
        tags: ['busy'],
        description: 'Waiting for the payment provider to confirm the charge',
        entry: 'chargeCard',
        on: {
          PAYMENT_OK: { target: 'paid', description: 'The provider confirmed', actions: 'notifyCustomer' },
          PAYMENT_FAILED: 'cancelled',
        },
      },
      paid: { tags: ['done'], on: { SHIP: 'shipped', CANCEL: 'cancelled' } },
      shipped: { tags: ['done'], type: 'final' },
      cancelled: { exit: 'releaseStock', entry: ['releaseStock', 'notifyCustomer'], type: 'final' },
    },
  }),
  states: ['pending', 'paid', 'shipped', 'cancelled'],
  transitions: [
    'pending PAYMENT_OK -> paid',
    'pending PAYMENT_FAILED -> cancelled',
    'paid SHIP -> shipped',
    'paid CANCEL -> cancelled',
  ],
};

/** XState's built-in actions (assign, raise, emit) in entry, exit and transitions (an alarm). */
export const alarm: CorpusMachine = {
  name: 'alarm',
  source: 'https://stately.ai/docs/actions (assign, raise, emit)',
  machine: createMachine({
    id: 'alarm',
    initial: 'disarmed',
    context: { code: '' },
    states: {
      disarmed: { on: { ARM: { target: 'armed', actions: assign({ code: '1234' }) } } },
      armed: {
        entry: emit({ type: 'armed' }),
        on: { BREACH: 'ringing', DISARM: 'disarmed' },
      },
      ringing: {
        entry: raise({ type: 'CALL_POLICE' }),
        exit: [assign({ code: '' }), emit({ type: 'silenced' })],
        on: { CALL_POLICE: {}, DISARM: 'disarmed' },
      },
    },
  }),
  states: ['disarmed', 'armed', 'ringing'],
  transitions: [
    'disarmed ARM -> armed',
    'armed BREACH -> ringing',
    'armed DISARM -> disarmed',
    'ringing CALL_POLICE -> (stays)',
    'ringing DISARM -> disarmed',
  ],
};

/** Higher-order guards, `stateIn`, and two uses of one guard with different params (an elevator). */
export const elevator: CorpusMachine = {
  name: 'elevator',
  source: 'https://stately.ai/docs/guards (and/or/not, stateIn, guard params)',
  machine: setup({
    types: { context: {} as { load: number; floor: number } },
    guards: {
      doorsClosed: () => true,
      overweight: ({ context }) => context.load > 600,
      floorAbove: ({ context }, params: { floor: number }) => context.floor > params.floor,
    },
  }).createMachine({
    id: 'elevator',
    type: 'parallel',
    context: { load: 0, floor: 0 },
    states: {
      doors: {
        initial: 'open',
        states: { open: { on: { CLOSE_DOORS: 'closed' } }, closed: { on: { OPEN_DOORS: 'open' } } },
      },
      motion: {
        initial: 'still',
        states: {
          still: {
            on: {
              GO_UP: { guard: and(['doorsClosed', not('overweight')]), target: 'moving' },
              GO_DOWN: { guard: or([stateIn('#elevator.doors.closed'), 'doorsClosed']), target: 'moving' },
            },
          },
          moving: {
            on: {
              ARRIVE: [
                { guard: { type: 'floorAbove', params: { floor: 10 } }, target: 'still' },
                { guard: { type: 'floorAbove', params: { floor: 0 } }, target: 'still' },
              ],
            },
          },
        },
      },
    },
  }),
  states: ['doors', 'doors.open', 'doors.closed', 'motion', 'motion.still', 'motion.moving'],
  transitions: [
    'doors.open CLOSE_DOORS -> doors.closed',
    'doors.closed OPEN_DOORS -> doors.open',
    'motion.still GO_UP -> motion.moving',
    'motion.still GO_DOWN -> motion.moving',
    'motion.moving ARRIVE -> motion.still',
    'motion.moving ARRIVE -> motion.still',
  ],
};

/** Wildcard and dot-namespaced event descriptors, as the call machine uses (a form). */
export const signupForm: CorpusMachine = {
  name: 'signup form',
  source: 'https://stately.ai/docs/transitions (wildcard and partial wildcard descriptors)',
  machine: createMachine({
    id: 'signup',
    initial: 'editing',
    states: {
      editing: {
        on: { 'field.*': { actions: 'validate' }, 'form.submit': 'submitting', '*': { actions: 'logUnknown' } },
      },
      submitting: { on: { 'server.ok': 'welcome', 'server.error_422': 'editing' } },
      welcome: { type: 'final' },
    },
  }),
  states: ['editing', 'submitting', 'welcome'],
  transitions: [
    'editing field.* -> (stays)',
    'editing form.submit -> submitting',
    'editing * -> (stays)',
    'submitting server.ok -> welcome',
    'submitting server.error_422 -> editing',
  ],
};
