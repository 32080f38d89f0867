import { describeValue, fail, listAccepted, ok, type Result } from '../../machines/result.js';
import { OUTCOME_TABLE, type CallOutcome, type CallStatus } from '../../machines/taxonomy.js';
import { CALL_STATUSES, VALID_OUTCOMES } from './list.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an outcome that came from outside (a JSON record, a webhook, a database row) against the
 * validity table.
 *
 * @example
 * parseOutcome({ status: 'ABSENT', subStatus: 'BUSY', resultCode: null });
 * // → { ok: true, value: { status: 'ABSENT', subStatus: 'BUSY', resultCode: null } }
 * parseOutcome({ status: 'ABSENT', subStatus: 'BUSY', resultCode: 'HANGUP' });
 * // → { ok: false, error: { path: 'resultCode', message: 'ABSENT/BUSY takes no result code ... ' } }
 */
export function parseOutcome(input: unknown): Result<CallOutcome> {
  if (!isRecord(input))
    return fail('', `expected an object with status, subStatus and resultCode, got ${describeValue(input)}`);
  const { status, subStatus } = input;
  const resultCode = input.resultCode === undefined ? null : input.resultCode;
  if (typeof status !== 'string' || !(CALL_STATUSES as string[]).includes(status)) {
    return fail('status', `unknown status ${describeValue(status)} (accepted: ${listAccepted(CALL_STATUSES)})`);
  }
  const subs = Object.keys(OUTCOME_TABLE[status as CallStatus]);
  if (typeof subStatus !== 'string' || !subs.includes(subStatus)) {
    return fail(
      'subStatus',
      `${describeValue(subStatus)} is not a sub-status of ${status} (accepted: ${listAccepted(subs)})`,
    );
  }
  const codes = VALID_OUTCOMES.filter((o) => o.status === status && o.subStatus === subStatus).map((o) => o.resultCode);
  const match = VALID_OUTCOMES.find(
    (o) => o.status === status && o.subStatus === subStatus && o.resultCode === resultCode,
  );
  if (match === undefined) {
    const accepted =
      codes.length === 1 && codes[0] === null
        ? 'takes no result code (accepted: null)'
        : `accepts ${listAccepted(codes)}`;
    return fail('resultCode', `${status}/${subStatus} ${accepted}, got ${describeValue(resultCode)}`);
  }
  return ok(match);
}
