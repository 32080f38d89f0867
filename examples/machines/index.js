// XState's own example machines, written as a user would: plain JavaScript modules exporting a
// machine, for `call-lifecycle diagram --machine ./examples/machines/<file>.js#<export>`.
export { trafficLightMachine } from './traffic-light.js';
export { fetchMachine } from './fetch.js';
export { playerMachine } from './nested.js';
export { wordMachine } from './parallel.js';
