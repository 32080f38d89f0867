export { OUTCOME_TABLE } from './table.js';
export type { CallOutcome, CallStatus, ResultCode, SubStatus, SubStatusOf } from './table.js';
export {
  CALL_STATUSES,
  OUTCOME_ROWS,
  RESULT_CODES,
  SUB_STATUSES,
  VALID_OUTCOMES,
  isValidOutcome,
  outcomeKey,
  type OutcomeRow,
} from './list.js';
export { parseOutcome } from './parse.js';
