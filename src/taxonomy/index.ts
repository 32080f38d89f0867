export { OUTCOME_TABLE } from '../../machines/taxonomy.js';
export type { CallOutcome, CallStatus, ResultCode, SubStatus, SubStatusOf } from '../../machines/taxonomy.js';
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
