import { appendTo } from './append-log.js';
import { assertEvent, assign, emit, setup } from 'xstate';
import type { CallRecord, IgnoredEvent } from './record.js';
import type { CallOutcome } from './taxonomy.js';
import {
  carrierCodes,
  currentMessage,
  eventName,
  initialContext,
  timeOf,
  toRecord,
  type CallContext,
  type CallMachineInput,
  type CarrierCodes,
} from './call.context.js';
import { CallEventError } from './event-time.js';
import type { CallMachineEvent } from './events.js';
import type { CallEmitted, CallTag } from './observable.js';

export { CallInputError, eventName, statePath, type CallContext, type CallMachineInput } from './call.context.js';

type Delay = (args: { context: CallContext }) => number;

/**
 * The named timers. `armTimer` computes a state's deadline from the delays of the machine that
 * runs (`self.logic`), as XState computes the `after` timer: a `provide({ delays })` override is
 * the delay the record reports too.
 */
const DELAYS = {
  carrierTimeout: ({ context }) => context.config.timeouts.carrierMs,
  proceedingTimeout: ({ context }) => context.config.timeouts.proceedingMs,
  ringTimeout: ({ context }) => context.config.timeouts.ringMs,
  amdTimeout: ({ context }) => context.config.timeouts.amdMs,
  beepTimeout: ({ context }) => context.config.timeouts.beepMs,
  releaseDelay: ({ context }) => context.config.timeouts.releaseMs,
  messageDuration: ({ context }) => currentMessage(context)?.durationMs ?? 0,
} satisfies Record<string, Delay>;

export type DelayName = keyof typeof DELAYS;

/**
 * The delay `name` of the machine an action runs in: the defaults, or what `provide({ delays })`
 * put in their place (a number or a function, as XState accepts).
 */
function delayInEffect(self: unknown, name: DelayName, context: CallContext): number {
  const logic = (self as { logic?: { implementations?: { delays?: Record<string, unknown> } } }).logic;
  const delay = logic?.implementations?.delays?.[name] ?? DELAYS[name];
  return typeof delay === 'number' ? delay : (delay as Delay)({ context });
}

/**
 * The first entry actions of every leaf state: move the clock and write the timeline, then emit
 * `call.entered` with the entry just written.
 */
const enter = (state: string) =>
  [
    { type: 'enter', params: { state } },
    { type: 'announceEntered', params: { state } },
  ] as const;
const armTimer = (delay: DelayName) => ({ type: 'armTimer', params: { delay } }) as const;

/**
 * A terminal state: one per valid outcome. Its `output` is the outcome, which the machine's output
 * turns into the record, so no action (which `provide` may replace) decides the outcome;
 * `meta.outcome` says the same for diagrams. `announceEnded` emits `call.ended`.
 */
function terminal<const O extends CallOutcome>(state: string, outcome: O) {
  return {
    type: 'final',
    tags: ['ended', outcome.status],
    entry: [...enter(state), { type: 'announceEnded', params: outcome }],
    output: outcome,
    meta: { outcome },
  } as const;
}

/** Plays the messages in order, then goes to `whenDone`; shared by a person's and a voicemail's playback. */
function playlist(path: string, whenDone: string) {
  const ended = { target: 'nextMessage', actions: 'countPlayed' } as const;
  return {
    initial: 'nextMessage',
    states: {
      nextMessage: {
        entry: [...enter(`${path}.nextMessage`)],
        always: [
          { guard: 'allMessagesPlayed', target: whenDone },
          { guard: 'messageIsTimed', target: 'timedMessage' },
          { target: 'untimedMessage' },
        ],
      },
      timedMessage: {
        entry: [...enter(`${path}.timedMessage`), armTimer('messageDuration')],
        after: { messageDuration: ended },
        on: { 'playback.ended': { guard: 'endsCurrentMessage', ...ended } },
      },
      untimedMessage: {
        entry: [...enter(`${path}.untimedMessage`)],
        on: { 'playback.ended': { guard: 'endsCurrentMessage', ...ended } },
      },
    },
  } as const;
}

const carrierFinals = {
  'carrier.busy': { target: 'busy', actions: 'replaceCarrierCodes' },
  'carrier.rejected': { target: 'rejected', actions: 'replaceCarrierCodes' },
  'carrier.unallocated': { target: 'unallocatedNumber', actions: 'replaceCarrierCodes' },
  'carrier.failed': { target: 'failed', actions: 'replaceCarrierCodes' },
  'carrier.answered': { target: 'connected', actions: 'replaceCarrierCodes' },
  'platform.abort': { target: 'failed' },
} as const;

/**
 * The machine of one outbound call: the specification every table, diagram, simulator and
 * provider mapping of this project is derived from. See docs/lifecycle.md for the picture,
 * docs/statuses.md for the outcomes and docs/semantics.md for the choices behind each rule; its
 * context, and the pure functions its actions use, are in call.context.ts.
 *
 * Start it with a `CallInput`; send it `CallEvent`s with their `at` (through `routeEvent`, so an
 * event its state does not handle is recorded as ignored); its output, once it reaches a final
 * state, is the `CallRecord`. It emits `call.entered` and `call.ended`, and tags its states with
 * their phase and, once ended, the status. An invalid input or `at` stops the actor with an error:
 * give it an error observer. `CallSession`, `runScenario` and `LiveCalls` wrap it with a clock,
 * checks, late events and persistence. See docs/embedding.md.
 *
 * @example
 * const clock = new VirtualClock();
 * const actor = createActor(callMachine, { clock, input: { to: '+33612345678', messages: [{ id: 'm1', durationMs: 8000 }] } });
 * actor.subscribe({ error: (error) => console.error(String(error)) });
 * actor.on('call.ended', ({ record }) => console.log(record.status));
 * actor.start();
 * actor.send(routeEvent(actor.getSnapshot(), { type: 'carrier.busy', at: 2300, sipCode: 486 }));
 * actor.getSnapshot().output; // → { status: 'ABSENT', subStatus: 'BUSY', resultCode: null, sipCode: 486, endedAt: 2300, … }
 */
export const callMachine = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallMachineEvent,
    input: {} as CallMachineInput,
    output: {} as CallRecord,
    emitted: {} as CallEmitted,
    tags: {} as CallTag,
  },
  delays: DELAYS,
  guards: {
    isBlacklisted: ({ context }) => context.config.blacklisted,
    amdEnabled: ({ context }) => context.config.amd,
    hangUpOnVoicemail: ({ context }) => context.config.voicemail === 'hangup',
    allMessagesPlayed: ({ context }) => context.messagesPlayed >= context.config.messages.length,
    messageIsTimed: ({ context }) => currentMessage(context)?.durationMs !== undefined,
    // A `playback.ended` naming another message is a late duplicate of an earlier one.
    endsCurrentMessage: ({ context, event }) =>
      !('messageId' in event) || event.messageId === undefined || event.messageId === currentMessage(context)?.id,
  },
  actions: {
    enter: assign(({ context, event }, params: { state: string }) => {
      const at = timeOf(context, event);
      return {
        now: at,
        deadline: null,
        timeline: appendTo(context.timeline, { at, state: params.state, event: eventName(event.type) }),
      };
    }),
    armTimer: assign(({ context, self }, params: { delay: DelayName }) => ({
      deadline: context.now + delayInEffect(self, params.delay, context),
    })),
    // These run before the leaf state's `enter` (a parent's entry comes first), so they read the
    // event's time rather than `now`.
    markStarted: assign(({ context, event }) => ({ startedAt: timeOf(context, event) })),
    markRinging: assign(({ context, event }) => ({ ringingAt: timeOf(context, event) })),
    markAnswered: assign(({ context, event }) => ({ answeredAt: timeOf(context, event) })),
    countPlayed: assign(({ context }) => ({ messagesPlayed: context.messagesPlayed + 1 })),
    replaceCarrierCodes: assign(({ context, event }) => carrierCodes(context, event as CarrierCodes)),
    // The two hooks: what they do is seen only by listeners, never in the record (docs/embedding.md).
    // Each computes what it emits itself: replacing `enter` must not break it, nor the reverse.
    announceEntered: emit(({ context, event }, params: { state: string }) => ({
      type: 'call.entered' as const,
      at: timeOf(context, event),
      state: params.state,
      event: eventName(event.type),
    })),
    announceEnded: emit(({ context }, outcome: CallOutcome) => ({
      type: 'call.ended' as const,
      record: toRecord(context, outcome),
    })),
    recordIgnored: assign(({ context, event: wrapper }) => {
      assertEvent(wrapper, 'call.ignore');
      const event = wrapper.event as CallMachineEvent | undefined;
      // Sent by hand, `call.ignore` may carry anything: refuse what `routeEvent` never makes.
      if (typeof event?.type !== 'string' || event.type === 'call.ignore') {
        throw new CallEventError(
          'call.ignore.event: expected the event a state did not handle, such as { type: "amd.human" }',
        );
      }
      const at = timeOf(context, event);
      const ignored: IgnoredEvent = {
        at,
        // The last state entered is the state the call is in: `enter` runs first in every leaf.
        state: context.timeline.at(-1)?.state ?? '',
        event: event.type,
        ...('sipCode' in event && typeof event.sipCode === 'number' ? { sipCode: event.sipCode } : {}),
        ...('q850' in event && typeof event.q850 === 'number' ? { q850: event.q850 } : {}),
      };
      return { ignoredEvents: appendTo(context.ignoredEvents, ignored) };
    }),
  },
}).createMachine({
  id: 'call',
  context: ({ input }) => initialContext(input),
  // The final state's own `output` is the outcome (see `terminal`).
  output: ({ context, event }) => toRecord(context, event.output as CallOutcome),
  initial: 'initiating',
  // What a state does not handle (a late, duplicate or out-of-order event) comes in wrapped as
  // `call.ignore` (see routeEvent) and changes nothing but the list of ignored events. A `'*'`
  // handler would do it unwrapped, but would make `snapshot.can()` true for every event.
  on: { 'call.ignore': { actions: 'recordIgnored' } },
  states: {
    initiating: {
      tags: ['dialing'],
      entry: [...enter('initiating')],
      always: [{ guard: 'isBlacklisted', target: 'blacklisted' }, { target: 'dialing' }],
    },
    dialing: {
      tags: ['dialing'],
      entry: [...enter('dialing'), 'markStarted', armTimer('carrierTimeout')],
      after: { carrierTimeout: 'failed' },
      on: {
        ...carrierFinals,
        // A provisional response (SIP 100 Trying) stops SIP Timer B (RFC 3261 §17.1.1.2).
        'carrier.trying': { target: 'proceeding', actions: 'replaceCarrierCodes' },
        'carrier.ringing': { target: 'ringing', actions: 'replaceCarrierCodes' },
        // Never rang, so the recipient was never reached: ABSENT does not apply (docs/statuses.md).
        'carrier.noAnswer': { target: 'failed', actions: 'replaceCarrierCodes' },
      },
    },
    // The carrier is working on the call (100 Trying) but nothing rings yet: the same events as
    // dialing, under Timer C instead of Timer B (docs/semantics.md).
    proceeding: {
      tags: ['dialing'],
      entry: [...enter('proceeding'), armTimer('proceedingTimeout')],
      after: { proceedingTimeout: 'failed' },
      on: {
        ...carrierFinals,
        'carrier.ringing': { target: 'ringing', actions: 'replaceCarrierCodes' },
        'carrier.noAnswer': { target: 'failed', actions: 'replaceCarrierCodes' },
      },
    },
    ringing: {
      tags: ['ringing'],
      entry: [...enter('ringing'), 'markRinging', armTimer('ringTimeout')],
      after: { ringTimeout: 'noAnswer' },
      on: {
        ...carrierFinals,
        'carrier.noAnswer': { target: 'noAnswer', actions: 'replaceCarrierCodes' },
      },
    },
    connected: {
      tags: ['connected'],
      entry: ['markAnswered'],
      initial: 'screening',
      states: {
        screening: {
          entry: [...enter('connected.screening')],
          always: [{ guard: 'amdEnabled', target: 'detecting' }, { target: 'playing' }],
        },
        detecting: {
          entry: [...enter('connected.detecting'), armTimer('amdTimeout')],
          after: { amdTimeout: 'playing' },
          on: {
            'amd.human': 'playing',
            'amd.unknown': 'playing',
            'amd.machine': 'voicemail',
            'recipient.hangup': '#call.answeredIncompleteHangup',
            'platform.abort': '#call.answeredIncomplete',
          },
        },
        playing: {
          ...playlist('connected.playing', '#call.connected.releasing'),
          on: {
            'recipient.hangup': '#call.answeredIncompleteHangup',
            'platform.abort': '#call.answeredIncomplete',
          },
        },
        releasing: {
          entry: [...enter('connected.releasing'), armTimer('releaseDelay')],
          after: { releaseDelay: '#call.answeredComplete' },
          on: {
            'recipient.hangup': '#call.answeredCompleteHangup',
            // Every message was already broadcast: stopping now loses nothing (docs/statuses.md).
            'platform.abort': '#call.answeredComplete',
          },
        },
        voicemail: {
          tags: ['voicemail'],
          initial: 'screening',
          on: {
            'recipient.hangup': '#call.voicemailIncomplete',
            'platform.abort': '#call.voicemailIncomplete',
          },
          states: {
            screening: {
              entry: [...enter('connected.voicemail.screening')],
              always: [{ guard: 'hangUpOnVoicemail', target: '#call.voicemailSkipped' }, { target: 'awaitingBeep' }],
            },
            awaitingBeep: {
              entry: [...enter('connected.voicemail.awaitingBeep'), armTimer('beepTimeout')],
              after: { beepTimeout: 'leaving' },
              on: { 'voicemail.beep': 'leaving' },
            },
            leaving: playlist('connected.voicemail.leaving', '#call.voicemailComplete'),
          },
        },
      },
    },
    answeredComplete: terminal('answeredComplete', { status: 'ANSWERED', subStatus: 'COMPLETE', resultCode: null }),
    answeredCompleteHangup: terminal('answeredCompleteHangup', {
      status: 'ANSWERED',
      subStatus: 'COMPLETE',
      resultCode: 'HANGUP',
    }),
    answeredIncomplete: terminal('answeredIncomplete', {
      status: 'ANSWERED',
      subStatus: 'INCOMPLETE',
      resultCode: null,
    }),
    answeredIncompleteHangup: terminal('answeredIncompleteHangup', {
      status: 'ANSWERED',
      subStatus: 'INCOMPLETE',
      resultCode: 'HANGUP',
    }),
    busy: terminal('busy', { status: 'ABSENT', subStatus: 'BUSY', resultCode: null }),
    noAnswer: terminal('noAnswer', { status: 'ABSENT', subStatus: 'NO_ANSWER', resultCode: null }),
    voicemailComplete: terminal('voicemailComplete', {
      status: 'ABSENT',
      subStatus: 'VOICEMAIL_DETECTED',
      resultCode: 'VOICEMAIL_COMPLETE',
    }),
    voicemailIncomplete: terminal('voicemailIncomplete', {
      status: 'ABSENT',
      subStatus: 'VOICEMAIL_DETECTED',
      resultCode: 'VOICEMAIL_INCOMPLETE',
    }),
    voicemailSkipped: terminal('voicemailSkipped', {
      status: 'ABSENT',
      subStatus: 'VOICEMAIL_DETECTED',
      resultCode: null,
    }),
    blacklisted: terminal('blacklisted', { status: 'ERROR', subStatus: 'BLACKLISTED', resultCode: null }),
    rejected: terminal('rejected', { status: 'ERROR', subStatus: 'REJECTED', resultCode: null }),
    unallocatedNumber: terminal('unallocatedNumber', {
      status: 'ERROR',
      subStatus: 'UNALLOCATED_NUMBER',
      resultCode: null,
    }),
    failed: terminal('failed', { status: 'ERROR', subStatus: 'OTHER', resultCode: null }),
  },
});

export type CallMachine = typeof callMachine;
