/** What went wrong, as `LiveCallsError.kind` and in `send`'s error values. */
export type LiveCallsErrorKind =
  | 'invalid-input'
  | 'invalid-event'
  | 'duplicate-call'
  | 'unknown-call'
  | 'too-many-calls'
  | 'invalid-saved'
  | 'closed';

/**
 * A mistake `LiveCalls` refuses synchronously (nothing was started or changed): an invalid
 * input, a call id in use, the `maxCalls` cap, a damaged save. `message` is one line.
 */
export class LiveCallsError extends Error {
  override readonly name = 'LiveCallsError';

  constructor(
    readonly kind: LiveCallsErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Why `send` did not apply an event; the call, if any, is unchanged. */
export interface SendError {
  readonly kind: 'invalid-event' | 'unknown-call' | 'closed';
  /** Where in the event, for `invalid-event`: `event.at`, `event.type`… */
  readonly path?: string;
  readonly message: string;
}
