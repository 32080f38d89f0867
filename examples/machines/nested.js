// A media player with nested states, a deep history state and an `onDone`, after XState's
// hierarchical and history examples.
import { createMachine } from 'xstate';

export const playerMachine = createMachine({
  id: 'player',
  initial: 'stopped',
  states: {
    stopped: { on: { PLAY: 'active' } },
    active: {
      initial: 'playing',
      on: { STOP: 'stopped', SUSPEND: 'suspended' },
      onDone: 'stopped',
      states: {
        playing: {
          initial: 'normal',
          on: { PAUSE: 'paused', END: 'ended' },
          states: {
            normal: { on: { FAST_FORWARD: 'fast' } },
            fast: { on: { NORMAL: 'normal' } },
          },
        },
        paused: { on: { PLAY: 'playing' } },
        ended: { type: 'final' },
        resume: { type: 'history', history: 'deep' },
      },
    },
    suspended: { on: { RESUME: 'active.resume' } },
  },
});

export default playerMachine;
