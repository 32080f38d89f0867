import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, createMachine } from 'xstate';
import { callMachine } from '../../machines/call.machine.js';
import { EVENT_CLASSES, eventClasses } from '../../src/carriers/event-classes.js';

const sorted = (set: ReadonlySet<string>) => [...set].sort();

/** Copies plain objects and arrays; functions (context, output) are shared. */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item)])) as T;
}

/**
 * The machine's config as an untyped tree: the edits below reach into it by state names, as a
 * contributor editing the source would, and XState's config types cannot follow that.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; the variant is checked by createMachine at run time.
type ConfigTree = Record<string, any>;

/** A copy of the call machine with its config changed by `edit` (the implementations are kept). */
function variant(edit: (config: ConfigTree) => void): AnyStateMachine {
  const config = copy(callMachine.config) as ConfigTree;
  edit(config);
  return createMachine(config as never, callMachine.implementations as never);
}

describe('event classes read from the machine', () => {
  // Written from the machine's rules (docs/statuses.md, docs/semantics.md), not by running the code.
  it('gives the classes the carriers used to keep by hand', () => {
    expect(sorted(EVENT_CLASSES.ending)).toEqual([
      'carrier.busy',
      'carrier.failed',
      'carrier.noAnswer',
      'carrier.rejected',
      'carrier.unallocated',
      'platform.abort',
      'recipient.hangup',
    ]);
    expect(sorted(EVENT_CLASSES.specificEnding)).toEqual([
      'carrier.busy',
      'carrier.noAnswer',
      'carrier.rejected',
      'carrier.unallocated',
    ]);
    expect(sorted(EVENT_CLASSES.verdicts)).toEqual(['amd.human', 'amd.machine', 'amd.unknown', 'voicemail.beep']);
    expect(sorted(EVENT_CLASSES.afterPickupOnly)).toEqual([
      'amd.human',
      'amd.machine',
      'amd.unknown',
      'playback.ended',
      'voicemail.beep',
    ]);
    expect(sorted(EVENT_CLASSES.waitingOnProvider)).toEqual([
      'connected.detecting',
      'dialing',
      'proceeding',
      'ringing',
    ]);
    const phase = (type: string) => EVENT_CLASSES.phase.get(type) ?? Number.NaN;
    // A call proceeds, rings, is answered, is screened, hears a beep, plays, and ends, in that order.
    expect(phase('carrier.trying')).toBeLessThan(phase('carrier.ringing'));
    expect(phase('carrier.ringing')).toBeLessThan(phase('carrier.answered'));
    expect(phase('carrier.answered')).toBeLessThan(phase('amd.machine'));
    expect(phase('amd.machine')).toBeLessThan(phase('voicemail.beep'));
    expect(phase('voicemail.beep')).toBeLessThan(phase('playback.ended'));
    expect(phase('playback.ended')).toBeLessThan(phase('carrier.busy'));
    expect(phase('carrier.busy')).toBe(phase('recipient.hangup'));
  });

  it('places a new outcome and its event (ERROR/CONGESTION) without anyone editing a list', () => {
    // The thought experiment of issue 8: a sub-status CONGESTION reached by a new carrier event.
    const congested = variant((config) => {
      config.states.congestion = {
        type: 'final',
        meta: { outcome: { status: 'ERROR', subStatus: 'CONGESTION', resultCode: null } },
      };
      for (const state of ['dialing', 'ringing'])
        config.states[state].on['carrier.congestion'] = { target: 'congestion', actions: 'keepCarrierCodes' };
    });
    const classes = eventClasses(congested);
    expect(classes.ending.has('carrier.congestion')).toBe(true);
    expect(classes.specificEnding.has('carrier.congestion')).toBe(true);
    expect(classes.phase.get('carrier.congestion')).toBe(classes.phase.get('carrier.busy'));
    expect(classes.verdicts.has('carrier.congestion')).toBe(false);
  });

  it('keeps a failure generic when a guard sends only some of it to the new outcome', () => {
    const guarded = variant((config) => {
      config.states.congestion = {
        type: 'final',
        meta: { outcome: { status: 'ERROR', subStatus: 'CONGESTION', resultCode: null } },
      };
      config.states.ringing.on['carrier.failed'] = [
        { guard: 'isBlacklisted', target: 'congestion' },
        { target: 'failed', actions: 'keepCarrierCodes' },
      ];
    });
    const classes = eventClasses(guarded);
    expect(classes.ending.has('carrier.failed')).toBe(true);
    expect(classes.specificEnding.has('carrier.failed')).toBe(false);
  });

  it('fails loudly when an event the carriers send is no longer handled, or a landmark state is gone', () => {
    const noBusy = variant((config) => {
      for (const state of Object.values(config.states) as { on?: Record<string, unknown> }[])
        delete state.on?.['carrier.busy'];
    });
    expect(() => eventClasses(noBusy)).toThrow('no state of the machine handles carrier.busy');
    // As if the ringing state had been renamed "alerting" without telling the carriers.
    expect(() =>
      eventClasses(callMachine, undefined, { dialing: 'dialing', ringing: 'alerting', answered: 'connected' }),
    ).toThrow('the machine has no state "alerting"');
  });
});
