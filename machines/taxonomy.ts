/**
 * The call-status taxonomy of the seed article (CALLR, "Call Statuses"), as the one table every
 * other artefact is derived from: the `CallOutcome` type, the runtime validity checks, the
 * generated `docs/statuses.md`, and the styling of terminal states in diagrams.
 *
 * Each sub-status lists the result codes it may carry; `null` means "no result code". The seed
 * says result codes describe only calls that reached the recipient's phone (ANSWERED/COMPLETE,
 * ANSWERED/INCOMPLETE, ABSENT/VOICEMAIL_DETECTED); which code goes with which sub-status is this
 * project's reading of the seed, explained in `meaning` and in docs/statuses.md.
 */
export const OUTCOME_TABLE = {
  ANSWERED: {
    COMPLETE: {
      meaning: 'Picked up by a person; every message was fully broadcast.',
      resultCodes: {
        HANGUP: 'The recipient hung up after the last message ended, before the platform released the line.',
        none: 'The platform released the line after the last message.',
      },
    },
    INCOMPLETE: {
      meaning: 'Picked up by a person; the broadcast did not finish.',
      resultCodes: {
        HANGUP: 'The recipient hung up before the last message ended.',
        none: 'The platform interrupted the call (platform.abort) before the last message ended.',
      },
    },
  },
  ABSENT: {
    BUSY: {
      meaning: 'The recipient was reached but was already in a call.',
      resultCodes: { none: 'Never picked up, so nothing to report.' },
    },
    NO_ANSWER: {
      meaning: 'The phone rang but nobody picked up.',
      resultCodes: { none: 'Never picked up, so nothing to report.' },
    },
    VOICEMAIL_DETECTED: {
      meaning: 'Answered by a voicemail, detected as such by answering-machine detection.',
      resultCodes: {
        VOICEMAIL_COMPLETE: 'Every message was fully played to the voicemail.',
        VOICEMAIL_INCOMPLETE: 'The voicemail (or the platform) ended the call before the last message ended.',
        none: 'The call was configured not to leave a message (voicemail: "hangup").',
      },
    },
  },
  ERROR: {
    BLACKLISTED: {
      meaning: 'The number is blacklisted: the call was never initiated.',
      resultCodes: { none: 'Never dialed.' },
    },
    REJECTED: {
      meaning: 'Initiated; the carrier answered with a rejection (declined).',
      resultCodes: { none: 'Never picked up.' },
    },
    UNALLOCATED_NUMBER: {
      meaning: 'Initiated; the carrier said the number is not allocated.',
      resultCodes: { none: 'Never picked up.' },
    },
    OTHER: {
      meaning: 'Failed for another or unknown reason (carrier failure, timeout, platform abort).',
      resultCodes: { none: 'Never picked up.' },
    },
  },
} as const;

type Table = typeof OUTCOME_TABLE;

/** A top-level call status: `ANSWERED`, `ABSENT` or `ERROR`. */
export type CallStatus = keyof Table;

/** A sub-status of one status, e.g. `SubStatusOf<'ABSENT'>` is `'BUSY' | 'NO_ANSWER' | 'VOICEMAIL_DETECTED'`. */
export type SubStatusOf<S extends CallStatus> = keyof Table[S] & string;

/** Every sub-status of every status. */
export type SubStatus = { [S in CallStatus]: SubStatusOf<S> }[CallStatus];

type CodesOf<S extends CallStatus, U extends SubStatusOf<S>> = Table[S][U] extends { resultCodes: infer R }
  ? keyof R
  : never;

type ResultCodeOf<S extends CallStatus, U extends SubStatusOf<S>> =
  | Exclude<CodesOf<S, U>, 'none'>
  | (Extract<CodesOf<S, U>, 'none'> extends never ? never : null);

/** A result code: `HANGUP`, `VOICEMAIL_COMPLETE` or `VOICEMAIL_INCOMPLETE`. */
export type ResultCode = {
  [S in CallStatus]: { [U in SubStatusOf<S>]: Exclude<ResultCodeOf<S, U>, null> }[SubStatusOf<S>];
}[CallStatus];

/**
 * The terminal outcome of one call: a status, one of its sub-statuses, and a result code valid for
 * that pair (or `null`). An impossible combination does not compile.
 *
 * @example
 * const ok: CallOutcome = { status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: 'VOICEMAIL_COMPLETE' };
 * // @ts-expect-error BUSY calls never carry a result code
 * const bad: CallOutcome = { status: 'ABSENT', subStatus: 'BUSY', resultCode: 'HANGUP' };
 */
export type CallOutcome = {
  [S in CallStatus]: {
    [U in SubStatusOf<S>]: { readonly status: S; readonly subStatus: U; readonly resultCode: ResultCodeOf<S, U> };
  }[SubStatusOf<S>];
}[CallStatus];
