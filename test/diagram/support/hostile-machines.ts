import { fc } from '../../support/property.js';
import { createMachine, type AnyStateMachine } from 'xstate';

/**
 * Pieces of names that break naive exporters: quotes, colons, semicolons, braces, `%%`, markup,
 * backslashes, newlines, entity look-alikes, Mermaid keywords and non-ASCII text.
 */
const PIECES = [
  '"',
  "'",
  ':',
  ';',
  '{',
  '}',
  '%%',
  '<script>',
  '</b>',
  '\\',
  '\n',
  '#',
  '&amp;',
  '[*]',
  '-->',
  'end',
  ' ',
  '|',
  '.',
  '_x41_',
  'é',
  '日本',
  '🙂',
  'a',
  'b',
  'state',
  'style',
] as const;

/** A name made of 1–4 hostile pieces (never starting with `xstate.`, never a `*` wildcard). */
export const hostileName = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));

interface TransitionSpec {
  readonly from: number;
  readonly to: number;
  readonly trigger: { kind: 'event'; name: string } | { kind: 'always' } | { kind: 'after'; ms: number };
  readonly guard: string | null;
}

/** A machine spec: top-level states (the first compound, with children) and transitions among them. */
export const hostileMachineSpec = fc.record({
  id: hostileName,
  top: fc.uniqueArray(hostileName, { minLength: 2, maxLength: 5 }),
  inner: fc.uniqueArray(hostileName, { minLength: 1, maxLength: 3 }),
  finalLast: fc.boolean(),
  transitions: fc.array(
    fc.record({
      from: fc.nat(),
      to: fc.nat(),
      trigger: fc.oneof(
        fc.record({ kind: fc.constant('event' as const), name: hostileName }),
        fc.constant({ kind: 'always' as const }),
        fc.record({ kind: fc.constant('after' as const), ms: fc.integer({ min: 1, max: 120_000 }) }),
      ),
      guard: fc.option(hostileName, { nil: null }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

export interface HostileMachineSpec {
  readonly id: string;
  readonly top: readonly string[];
  readonly inner: readonly string[];
  readonly finalLast: boolean;
  readonly transitions: readonly TransitionSpec[];
}

/**
 * Builds the XState machine of a spec. Every state gets a plain `id` (`n0`, `n1`, …) so targets
 * are `#n3` whatever its key holds; keys, events and guards keep the hostile names.
 */
export function buildHostileMachine(spec: HostileMachineSpec): AnyStateMachine {
  type Config = {
    id: string;
    type?: 'final';
    initial?: string;
    states?: Record<string, Config>;
    on?: Record<string, unknown[]>;
    always?: unknown[];
    after?: Record<number, unknown[]>;
  };
  const all: Config[] = [];
  const make = (): Config => {
    const config: Config = { id: `n${all.length}` };
    all.push(config);
    return config;
  };
  const states: Record<string, Config> = {};
  spec.top.forEach((key, index) => {
    const state = make();
    if (index === 0) {
      state.initial = spec.inner[0] ?? '';
      state.states = Object.fromEntries(spec.inner.map((innerKey) => [innerKey, make()]));
    }
    if (index === spec.top.length - 1 && index > 0 && spec.finalLast) state.type = 'final';
    states[key] = state;
  });
  const sources = all.filter((config) => config.type !== 'final');
  for (const transition of spec.transitions) {
    const from = sources[transition.from % sources.length] as Config;
    const to = all[transition.to % all.length] as Config;
    const definition = { target: `#${to.id}`, ...(transition.guard === null ? {} : { guard: transition.guard }) };
    const { trigger } = transition;
    if (trigger.kind === 'event') {
      from.on ??= {};
      from.on[trigger.name] = [...(from.on[trigger.name] ?? []), definition];
    } else if (trigger.kind === 'always') {
      from.always = [...(from.always ?? []), definition];
    } else {
      from.after ??= {};
      from.after[trigger.ms] = [...(from.after[trigger.ms] ?? []), definition];
    }
  }
  return createMachine({ id: spec.id, initial: spec.top[0] ?? '', states } as never);
}
