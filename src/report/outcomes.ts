import { CALL_STATUSES, OUTCOME_TABLE, RESULT_CODES, VALID_OUTCOMES, outcomeKey } from '../taxonomy/index.js';
import type { CallOutcome, CallStatus, SubStatus } from '../../machines/taxonomy.js';
import type { CampaignReport, Share } from './types.js';

type Breakdowns = Pick<CampaignReport, 'statuses' | 'subStatuses' | 'outcomes' | 'resultCodes'>;

/**
 * Counts calls per valid outcome. The coarser breakdowns (status, sub-status, result code) are
 * sums of these 13 counters, so they add up to the number of calls by construction; `breakdowns`
 * still checks it, and a record with an outcome outside the taxonomy is a bug that throws.
 *
 * @example
 * const counter = new OutcomeCounter();
 * counter.add({ status: 'ABSENT', subStatus: 'BUSY', resultCode: null });
 * counter.breakdowns().statuses; // → [{ status: 'ANSWERED', count: 0, rate: 0 }, { status: 'ABSENT', count: 1, rate: 1 }, …]
 */
export class OutcomeCounter {
  /** status → sub-status → result code (`null` included) → the outcome's index in VALID_OUTCOMES. */
  private readonly index = new Map<string, Map<string, Map<string | null, number>>>();
  private readonly tally = new Float64Array(VALID_OUTCOMES.length);
  private readonly counts = new Map<string, number>();
  private total = 0;

  constructor() {
    VALID_OUTCOMES.forEach((outcome, position) => {
      const subs = this.index.get(outcome.status) ?? new Map<string, Map<string | null, number>>();
      const codes = subs.get(outcome.subStatus) ?? new Map<string | null, number>();
      codes.set(outcome.resultCode, position);
      subs.set(outcome.subStatus, codes);
      this.index.set(outcome.status, subs);
    });
  }

  /** Nested look-ups on the record's own strings: no key is built per call (this runs a million times). */
  add(outcome: Pick<CallOutcome, 'status' | 'subStatus' | 'resultCode'>): void {
    const position = this.index.get(outcome.status)?.get(outcome.subStatus)?.get(outcome.resultCode);
    if (position === undefined)
      throw new Error(`bug: a record with an outcome outside the taxonomy: ${outcomeKey(outcome)}`);
    this.tally[position] = (this.tally[position] as number) + 1;
    this.total += 1;
  }

  get calls(): number {
    return this.total;
  }

  breakdowns(): Breakdowns {
    VALID_OUTCOMES.forEach((outcome, position) => this.counts.set(outcomeKey(outcome), this.tally[position] as number));
    const share = (count: number): Share => ({ count, rate: this.total === 0 ? 0 : count / this.total });
    const sum = (keep: (outcome: CallOutcome) => boolean) =>
      VALID_OUTCOMES.filter(keep).reduce((total, outcome) => total + (this.counts.get(outcomeKey(outcome)) ?? 0), 0);
    const subStatusPairs = CALL_STATUSES.flatMap((status) =>
      Object.keys(OUTCOME_TABLE[status]).map((subStatus) => ({ status, subStatus: subStatus as SubStatus })),
    );
    const breakdowns: Breakdowns = {
      statuses: CALL_STATUSES.map((status) => ({ status, ...share(sum((o) => o.status === status)) })),
      subStatuses: subStatusPairs.map(({ status, subStatus }) => ({
        status,
        subStatus,
        ...share(sum((o) => o.status === status && o.subStatus === subStatus)),
      })),
      outcomes: VALID_OUTCOMES.map((outcome) => ({
        status: outcome.status as CallStatus,
        subStatus: outcome.subStatus as SubStatus,
        resultCode: outcome.resultCode,
        ...share(this.counts.get(outcomeKey(outcome)) ?? 0),
      })),
      resultCodes: [...RESULT_CODES, null].map((resultCode) => ({
        resultCode,
        ...share(sum((o) => o.resultCode === resultCode)),
      })),
    };
    for (const [name, rows] of Object.entries(breakdowns)) {
      const added = (rows as readonly Share[]).reduce((total, row) => total + row.count, 0);
      if (added !== this.total)
        throw new Error(`bug: the ${name} breakdown adds up to ${added}, not to the ${this.total} calls`);
    }
    return breakdowns;
  }
}
