// Fetching data, after XState's fetch example: an invoked promise (onDone / onError), a retry
// limited by a guard, and named delays.
import { and, assign, fromPromise, not, setup } from 'xstate';

export const fetchMachine = setup({
  actors: {
    fetchData: fromPromise(async ({ input }) => {
      const response = await fetch(input.url);
      return response.json();
    }),
  },
  guards: {
    canRetry: ({ context }) => context.retries < 3,
    isOnline: () => true,
  },
  delays: {
    retryBackoff: ({ context }) => 1000 * 2 ** context.retries,
  },
}).createMachine({
  id: 'fetch',
  context: { url: '/api/items', data: null, error: null, retries: 0 },
  initial: 'idle',
  states: {
    idle: {
      on: { FETCH: { guard: 'isOnline', target: 'loading' } },
    },
    loading: {
      invoke: {
        src: 'fetchData',
        input: ({ context }) => ({ url: context.url }),
        onDone: { target: 'success', actions: assign({ data: ({ event }) => event.output }) },
        onError: { target: 'failure', actions: assign({ error: ({ event }) => event.error }) },
      },
      on: { CANCEL: 'idle' },
    },
    failure: {
      always: { guard: not('canRetry'), target: 'gaveUp' },
      after: {
        retryBackoff: {
          guard: and(['canRetry', 'isOnline']),
          target: 'loading',
          actions: assign({ retries: ({ context }) => context.retries + 1 }),
        },
      },
      on: { RETRY: { guard: ({ context }) => context.retries < 3, target: 'loading' } },
    },
    success: { type: 'final' },
    gaveUp: { type: 'final' },
  },
});

export default fetchMachine;
