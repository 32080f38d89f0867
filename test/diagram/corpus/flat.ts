import { assign, createMachine, setup } from 'xstate';
import type { CorpusMachine } from './types.js';

/** No child states: all behaviour in root `on` handlers with `assign` (the counter of XState's docs and examples). */
export const counter: CorpusMachine = {
  name: 'counter',
  source:
    'https://stately.ai/docs/context (a counter whose root handles INC/DEC with assign); statelyai/xstate examples/counter',
  machine: setup({
    types: { context: {} as { count: number } },
    guards: { isAbove: ({ context }, params: { min: number }) => context.count > params.min },
  }).createMachine({
    id: 'counter',
    context: { count: 0 },
    on: {
      INC: { actions: assign({ count: ({ context }) => context.count + 1 }) },
      DEC: {
        guard: { type: 'isAbove', params: { min: 0 } },
        actions: assign({ count: ({ context }) => context.count - 1 }),
      },
      SET_TO_10: { actions: assign({ count: 10 }) },
    },
  }),
  states: [],
  transitions: ['(root) INC -> (stays)', '(root) DEC -> (stays)', '(root) SET_TO_10 -> (stays)'],
};

/** A root-only machine whose handlers are named actions with params, and event names with digits. */
export const textInput: CorpusMachine = {
  name: 'text input',
  source: 'https://stately.ai/docs/actions (named actions with params); form-field machines in public example apps',
  machine: setup({
    actions: { setValue: () => {}, track: (_, _params: { field: string }) => {} },
  }).createMachine({
    id: 'textInput',
    on: {
      CHANGE: { actions: ['setValue', { type: 'track', params: { field: 'name' } }] },
      CLEAR_2: { actions: { type: 'track', params: { field: 'cleared' } } },
    },
  }),
  states: [],
  transitions: ['(root) CHANGE -> (stays)', '(root) CLEAR_2 -> (stays)'],
};

/** The smallest two-state machine, with tags (XState's toggle example). */
export const toggle: CorpusMachine = {
  name: 'toggle',
  source: 'https://stately.ai/docs/tags; statelyai/xstate examples/toggle',
  machine: createMachine({
    id: 'toggle',
    initial: 'inactive',
    states: {
      inactive: { tags: ['off'], on: { TOGGLE: 'active' } },
      active: { tags: ['on', 'visible'], on: { TOGGLE: 'inactive' } },
    },
  }),
  states: ['inactive', 'active'],
  transitions: ['inactive TOGGLE -> active', 'active TOGGLE -> inactive'],
};
