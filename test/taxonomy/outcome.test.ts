import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import {
  CALL_STATUSES,
  RESULT_CODES,
  SUB_STATUSES,
  VALID_OUTCOMES,
  isValidOutcome,
  outcomeKey,
  parseOutcome,
} from '../../src/taxonomy/index.js';

describe('the validity table', () => {
  it("has the seed's 9 status pairs and 3 result codes, 13 valid outcomes in all", () => {
    expect(CALL_STATUSES).toEqual(['ANSWERED', 'ABSENT', 'ERROR']);
    expect(SUB_STATUSES).toHaveLength(9);
    expect(RESULT_CODES).toEqual(['HANGUP', 'VOICEMAIL_COMPLETE', 'VOICEMAIL_INCOMPLETE']);
    expect(VALID_OUTCOMES.map(outcomeKey)).toEqual([
      'ANSWERED/COMPLETE/HANGUP',
      'ANSWERED/COMPLETE',
      'ANSWERED/INCOMPLETE/HANGUP',
      'ANSWERED/INCOMPLETE',
      'ABSENT/BUSY',
      'ABSENT/NO_ANSWER',
      'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
      'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_INCOMPLETE',
      'ABSENT/VOICEMAIL_DETECTED',
      'ERROR/BLACKLISTED',
      'ERROR/REJECTED',
      'ERROR/UNALLOCATED_NUMBER',
      'ERROR/OTHER',
    ]);
  });

  it("gives result codes only to calls that reached the phone (the seed's rule)", () => {
    const reached = new Set(['ANSWERED/COMPLETE', 'ANSWERED/INCOMPLETE', 'ABSENT/VOICEMAIL_DETECTED']);
    for (const outcome of VALID_OUTCOMES) {
      if (outcome.resultCode !== null) expect(reached).toContain(`${outcome.status}/${outcome.subStatus}`);
    }
  });
});

describe('parseOutcome', () => {
  it.each(VALID_OUTCOMES.map((outcome) => [outcomeKey(outcome), outcome] as const))('accepts %s', (_, outcome) => {
    expect(parseOutcome({ ...outcome })).toEqual({ ok: true, value: outcome });
  });

  it('takes a missing result code as null', () => {
    expect(parseOutcome({ status: 'ERROR', subStatus: 'OTHER' })).toEqual({
      ok: true,
      value: { status: 'ERROR', subStatus: 'OTHER', resultCode: null },
    });
  });

  it('names the offending field and the accepted values', () => {
    expect(parseOutcome({ status: 'ABSENT', subStatus: 'BUSY', resultCode: 'HANGUP' })).toMatchInlineSnapshot(`
      {
        "error": {
          "message": "ABSENT/BUSY takes no result code (accepted: null), got "HANGUP"",
          "path": "resultCode",
        },
        "ok": false,
      }
    `);
    expect(parseOutcome({ status: 'ANSWERED', subStatus: 'BUSY', resultCode: null })).toMatchInlineSnapshot(`
      {
        "error": {
          "message": ""BUSY" is not a sub-status of ANSWERED (accepted: "COMPLETE" or "INCOMPLETE")",
          "path": "subStatus",
        },
        "ok": false,
      }
    `);
    expect(parseOutcome({ status: 'answered' })).toMatchInlineSnapshot(`
      {
        "error": {
          "message": "unknown status "answered" (accepted: "ANSWERED", "ABSENT" or "ERROR")",
          "path": "status",
        },
        "ok": false,
      }
    `);
    expect(
      parseOutcome({ status: 'ABSENT', subStatus: 'VOICEMAIL_DETECTED', resultCode: 'HANGUP' }),
    ).toMatchInlineSnapshot(`
      {
        "error": {
          "message": "ABSENT/VOICEMAIL_DETECTED accepts "VOICEMAIL_COMPLETE", "VOICEMAIL_INCOMPLETE" or null, got "HANGUP"",
          "path": "resultCode",
        },
        "ok": false,
      }
    `);
    expect(parseOutcome('ANSWERED')).toMatchInlineSnapshot(`
      {
        "error": {
          "message": "expected an object with status, subStatus and resultCode, got "ANSWERED"",
          "path": "",
        },
        "ok": false,
      }
    `);
  });

  test.prop([fc.anything()])('never throws, and accepts exactly what the table holds', (input) => {
    const result = parseOutcome(input);
    if (result.ok) {
      const value = input as Record<string, unknown>;
      expect(
        isValidOutcome(String(value.status), String(value.subStatus), (value.resultCode ?? null) as string | null),
      ).toBe(true);
    } else {
      expect(result.error.message).not.toMatch(/\n/);
    }
  });

  const names = fc.constantFrom(...CALL_STATUSES, ...SUB_STATUSES, ...RESULT_CODES, null, 'OTHER', '');
  test.prop([names, names, names])(
    'accepts a triple if and only if it is a row of the table',
    (status, subStatus, resultCode) => {
      const valid = VALID_OUTCOMES.some(
        (o) => o.status === status && o.subStatus === subStatus && o.resultCode === resultCode,
      );
      expect(parseOutcome({ status, subStatus, resultCode }).ok).toBe(valid);
    },
  );
});
