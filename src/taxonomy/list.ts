import {
  OUTCOME_TABLE,
  type CallOutcome,
  type CallStatus,
  type ResultCode,
  type SubStatus,
} from '../../machines/taxonomy.js';

/** One row of the validity table, with the words that explain it. */
export interface OutcomeRow {
  readonly outcome: CallOutcome;
  readonly meaning: string;
  readonly resultMeaning: string;
}

function rowsOf(): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  for (const [status, subs] of Object.entries(OUTCOME_TABLE)) {
    for (const [subStatus, entry] of Object.entries(subs)) {
      for (const [code, resultMeaning] of Object.entries(entry.resultCodes as Record<string, string>)) {
        const outcome = { status, subStatus, resultCode: code === 'none' ? null : code } as CallOutcome;
        rows.push({ outcome, meaning: entry.meaning, resultMeaning });
      }
    }
  }
  return rows;
}

/** Every valid (status, sub-status, result code) triple, in table order. */
export const OUTCOME_ROWS: readonly OutcomeRow[] = rowsOf();

/** Every valid outcome, in table order. */
export const VALID_OUTCOMES: readonly CallOutcome[] = OUTCOME_ROWS.map((row) => row.outcome);

/** The three statuses, in table order. */
export const CALL_STATUSES = Object.keys(OUTCOME_TABLE) as CallStatus[];

/** Every sub-status, in table order (they are unique across statuses). */
export const SUB_STATUSES = CALL_STATUSES.flatMap((status) => Object.keys(OUTCOME_TABLE[status])) as SubStatus[];

/** The result codes, in table order. */
export const RESULT_CODES = [
  ...new Set(VALID_OUTCOMES.flatMap((outcome) => (outcome.resultCode === null ? [] : [outcome.resultCode]))),
] as ResultCode[];

/** A stable key for an outcome, e.g. `ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE` or `ERROR/OTHER`. */
export function outcomeKey(outcome: Pick<CallOutcome, 'status' | 'subStatus' | 'resultCode'>): string {
  const pair = `${outcome.status}/${outcome.subStatus}`;
  return outcome.resultCode === null ? pair : `${pair}/${outcome.resultCode}`;
}

const VALID_KEYS = new Set(VALID_OUTCOMES.map(outcomeKey));

/** Whether a status, sub-status and result code form a valid outcome. */
export function isValidOutcome(status: string, subStatus: string, resultCode: string | null): boolean {
  return VALID_KEYS.has(outcomeKey({ status, subStatus, resultCode } as CallOutcome));
}
