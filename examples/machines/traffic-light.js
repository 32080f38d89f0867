// A traffic light, after XState's classic example: timers (`after`) and a nested pedestrian signal.
// Try: call-lifecycle diagram --machine ./examples/machines/traffic-light.js#trafficLightMachine
import { createMachine } from 'xstate';

export const trafficLightMachine = createMachine({
  id: 'light',
  initial: 'green',
  states: {
    green: {
      after: { 5000: 'yellow' },
      on: { TIMER: 'yellow' },
    },
    yellow: {
      after: { 2000: 'red' },
      on: { TIMER: 'red' },
    },
    red: {
      initial: 'walk',
      after: { 10000: 'green' },
      on: { TIMER: 'green' },
      states: {
        walk: { on: { PED_COUNTDOWN: 'wait' } },
        wait: { on: { PED_COUNTDOWN: 'stop' } },
        stop: {},
      },
    },
    flashing: {
      on: { POWER_RESTORED: 'green' },
    },
  },
  on: { POWER_OUTAGE: '.flashing' },
});

export default trafficLightMachine;
