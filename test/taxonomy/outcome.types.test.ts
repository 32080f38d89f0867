import { describe, expectTypeOf, it } from 'vitest';
import type { CallOutcome, CallStatus, ResultCode, SubStatus, SubStatusOf } from '../../machines/taxonomy.js';

// The compiler is the first proof that an impossible outcome cannot be written.
describe('CallOutcome type', () => {
  it('accepts every valid combination', () => {
    const outcomes: CallOutcome[] = [
      { status: 'ANSWERED', subStatus: 'COMPLETE', resultCode: 'HANGUP' },
      { status: 'ANSWERED', subStatus: 'COMPLETE', resultCode: null },
      { status: 'ANSWERED', subStatus: 'INCOMPLETE', resultCode: 'HANGUP' },
      { status: 'ANSWERED', subStatus: 'INCOMPLETE', resultCode: null },
      { status: 'ABSENT', subStatus: 'BUSY', resultCode: null },
      { status: 'ABSENT', subStatus: 'NO_ANSWER', resultCode: null },
      { status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: 'VOICEMAIL_COMPLETE' },
      { status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: 'VOICEMAIL_INCOMPLETE' },
      { status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: null },
      { status: 'ERROR', subStatus: 'BLACKLISTED', resultCode: null },
      { status: 'ERROR', subStatus: 'REJECTED', resultCode: null },
      { status: 'ERROR', subStatus: 'UNALLOCATED_NUMBER', resultCode: null },
      { status: 'ERROR', subStatus: 'OTHER', resultCode: null },
    ];
    expectTypeOf(outcomes).toEqualTypeOf<CallOutcome[]>();
  });

  it('rejects impossible combinations at compile time', () => {
    // @ts-expect-error BUSY never carries a result code
    const busyHangup: CallOutcome = { status: 'ABSENT', subStatus: 'BUSY', resultCode: 'HANGUP' };
    // @ts-expect-error a voicemail code belongs to VOICEMAIL_DETECTED, not to an answered call
    const answeredVoicemail: CallOutcome = {
      status: 'ANSWERED',
      subStatus: 'COMPLETE',
      resultCode: 'VOICEMAIL_COMPLETE',
    };
    // @ts-expect-error HANGUP is not a voicemail result
    const voicemailHangup: CallOutcome = { status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: 'HANGUP' };
    // @ts-expect-error BUSY is a sub-status of ABSENT, not of ERROR
    const errorBusy: CallOutcome = { status: 'ERROR', subStatus: 'BUSY', resultCode: null };
    // @ts-expect-error the result code is required (null when there is none)
    const missingCode: CallOutcome = { status: 'ERROR', subStatus: 'OTHER' };
    // @ts-expect-error there is no such status
    const unknownStatus: CallOutcome = { status: 'FAILED', subStatus: 'OTHER', resultCode: null };
    void [busyHangup, answeredVoicemail, voicemailHangup, errorBusy, missingCode, unknownStatus];
  });

  it('derives the names from the table', () => {
    expectTypeOf<CallStatus>().toEqualTypeOf<'ANSWERED' | 'ABSENT' | 'ERROR'>();
    expectTypeOf<SubStatusOf<'ANSWERED'>>().toEqualTypeOf<'COMPLETE' | 'INCOMPLETE'>();
    expectTypeOf<SubStatusOf<'ABSENT'>>().toEqualTypeOf<'BUSY' | 'NO_ANSWER' | 'VOICEMAIL_DETECTED'>();
    expectTypeOf<SubStatus>().toEqualTypeOf<
      | 'COMPLETE'
      | 'INCOMPLETE'
      | 'BUSY'
      | 'NO_ANSWER'
      | 'VOICEMAIL_DETECTED'
      | 'BLACKLISTED'
      | 'REJECTED'
      | 'UNALLOCATED_NUMBER'
      | 'OTHER'
    >();
    expectTypeOf<ResultCode>().toEqualTypeOf<'HANGUP' | 'VOICEMAIL_COMPLETE' | 'VOICEMAIL_INCOMPLETE'>();
  });

  it('narrows the result code by sub-status', () => {
    const narrow = (outcome: CallOutcome) => {
      if (outcome.subStatus === 'VOICEMAIL_DETECTED') {
        expectTypeOf(outcome.resultCode).toEqualTypeOf<'VOICEMAIL_COMPLETE' | 'VOICEMAIL_INCOMPLETE' | null>();
      }
      if (outcome.status === 'ERROR') expectTypeOf(outcome.resultCode).toEqualTypeOf<null>();
    };
    narrow({ status: 'ERROR', subStatus: 'OTHER', resultCode: null });
  });
});
