import { assign, createMachine, fromCallback, fromPromise, setup } from 'xstate';
import type { CorpusMachine } from './types.js';

/** A named promise actor with `onDone` / `onError` and a retry guarded with params (fetch). */
export const userFetch: CorpusMachine = {
  name: 'user fetch',
  source:
    'https://stately.ai/docs/invoke and https://stately.ai/docs/promise-actors; https://stately.ai/docs/guards (params)',
  machine: setup({
    types: { context: {} as { attempts: number } },
    actors: { fetchUser: fromPromise(async () => ({ name: 'Ada' })) },
    guards: { canRetry: ({ context }, params: { max: number }) => context.attempts < params.max },
  }).createMachine({
    id: 'userFetch',
    initial: 'idle',
    context: { attempts: 0 },
    states: {
      idle: { on: { FETCH: 'loading' } },
      loading: {
        entry: assign({ attempts: ({ context }) => context.attempts + 1 }),
        invoke: { id: 'user', src: 'fetchUser', onDone: 'success', onError: 'failure' },
      },
      success: { type: 'final' },
      failure: {
        on: {
          RETRY: [{ guard: { type: 'canRetry', params: { max: 3 } }, target: 'loading' }, { target: 'gaveUp' }],
        },
      },
      gaveUp: { type: 'final' },
    },
  }),
  states: ['idle', 'loading', 'success', 'failure', 'gaveUp'],
  transitions: [
    'idle FETCH -> loading',
    'loading done:fetchUser -> success',
    'loading error:fetchUser -> failure',
    'failure RETRY -> loading',
    'failure RETRY -> gaveUp',
  ],
};

/** Logic written inline in `invoke`, with no id: XState names it `xstate.invoke.0.…`. */
export const inlineLoader: CorpusMachine = {
  name: 'inline loader',
  source: 'https://stately.ai/docs/invoke (inline actor logic in src)',
  machine: createMachine({
    id: 'inlineLoader',
    initial: 'loading',
    states: {
      loading: {
        invoke: {
          src: fromPromise(async () => 42),
          onDone: 'loaded',
          onError: 'broken',
        },
      },
      loaded: { type: 'final' },
      broken: { on: { RELOAD: 'loading' } },
    },
  }),
  states: ['loading', 'loaded', 'broken'],
  transitions: ['loading done:inline -> loaded', 'loading error:inline -> broken', 'broken RELOAD -> loading'],
};

/** A callback actor sending events back; targetless handlers that only act (a ticking timer). */
export const ticker: CorpusMachine = {
  name: 'ticker',
  source: 'https://stately.ai/docs/callback-actors (sendBack from an invoked callback)',
  machine: setup({
    types: { context: {} as { ticks: number } },
    actors: {
      interval: fromCallback(({ sendBack }) => {
        const handle = setInterval(() => sendBack({ type: 'TICK' }), 1000);
        return () => clearInterval(handle);
      }),
    },
  }).createMachine({
    id: 'ticker',
    initial: 'stopped',
    context: { ticks: 0 },
    states: {
      stopped: { on: { START: 'running' } },
      running: {
        invoke: { src: 'interval' },
        on: { TICK: { actions: assign({ ticks: ({ context }) => context.ticks + 1 }) }, STOP: 'stopped' },
      },
    },
  }),
  states: ['stopped', 'running'],
  transitions: ['stopped START -> running', 'running TICK -> (stays)', 'running STOP -> stopped'],
};

const uploadChild = createMachine({
  id: 'upload',
  initial: 'sending',
  states: { sending: { on: { PROGRESS: 'sending', FINISH: 'finished' } }, finished: { type: 'final' } },
});

/** A child machine invoked inline, followed with `onSnapshot`, `onDone` (an uploader). */
export const uploader: CorpusMachine = {
  name: 'uploader',
  source:
    'https://stately.ai/docs/invoke (onSnapshot); statelyai/xstate packages/core/test/invoke.test.ts (child machines)',
  machine: createMachine({
    types: { context: {} as { progress: number } },
    id: 'uploader',
    initial: 'idle',
    context: { progress: 0 },
    states: {
      idle: { on: { UPLOAD: 'uploading' } },
      uploading: {
        invoke: {
          id: 'upload',
          src: uploadChild,
          onSnapshot: { actions: assign({ progress: ({ context }) => context.progress + 1 }) },
          onDone: 'complete',
          onError: 'idle',
        },
        on: { CANCEL: 'idle' },
      },
      complete: { type: 'final' },
    },
  }),
  states: ['idle', 'uploading', 'complete'],
  transitions: [
    'idle UPLOAD -> uploading',
    'uploading done:inline -> complete',
    'uploading snapshot:inline -> (stays)',
    'uploading error:inline -> idle',
    'uploading CANCEL -> idle',
  ],
};

/** Two actors invoked by one state, and one invoked by the machine itself (a chat session). */
export const chatSession: CorpusMachine = {
  name: 'chat session',
  source: 'https://stately.ai/docs/invoke (several invocations; invoke on the root)',
  machine: setup({
    actors: {
      socket: fromCallback(() => () => {}),
      presence: fromCallback(() => () => {}),
      loadHistory: fromPromise(async () => []),
    },
  }).createMachine({
    id: 'chat',
    invoke: { id: 'socket', src: 'socket' },
    initial: 'connecting',
    states: {
      connecting: { on: { CONNECTED: 'online' } },
      online: {
        invoke: [
          { id: 'presence', src: 'presence' },
          { id: 'history', src: 'loadHistory', onDone: 'online' },
        ],
        on: { DISCONNECTED: 'connecting', MESSAGE_RECEIVED: {} },
      },
    },
  }),
  states: ['connecting', 'online'],
  transitions: [
    'connecting CONNECTED -> online',
    'online done:loadHistory -> online',
    'online DISCONNECTED -> connecting',
    'online MESSAGE_RECEIVED -> (stays)',
  ],
};
