import { withParams } from './params.js';

/**
 * XState v5's built-in action creators tag their actions `xstate.<name>`; the diagram shows the
 * creator's name (`assign`, not `inline`), since that is what the machine's author wrote.
 */
const BUILT_IN_PREFIX = 'xstate.';

/**
 * The readable name of one action: a named action by its name (and params), a built-in by its
 * creator (`assign`, `raise`, `sendTo`, `emit`, `log`, `spawnChild`, `stopChild`, `cancel`,
 * `enqueueActions`), a named function by its function name, anything else `inline`.
 *
 * @example
 * actionName('notify'); // → 'notify'
 * actionName({ type: 'track', params: { page: 'home' } }); // → 'track(page: "home")'
 * actionName(assign({ count: 0 })); // → 'assign'
 */
export function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') {
    const named = action as { type?: unknown; name: string };
    if (typeof named.type === 'string')
      return named.type.startsWith(BUILT_IN_PREFIX) ? named.type.slice(BUILT_IN_PREFIX.length) : named.type;
    return action.name !== '' && action.name !== 'actions' && action.name !== 'entry' && action.name !== 'exit'
      ? action.name
      : 'inline';
  }
  if (typeof action === 'object' && action !== null) {
    const { type, params } = action as { type?: unknown; params?: unknown };
    if (typeof type === 'string') return withParams(type, params);
  }
  return 'inline';
}
