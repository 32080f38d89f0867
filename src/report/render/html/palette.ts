import { STATUS_SWATCHES } from '../../../diagram/style.js';
import type { CallStatus, SubStatus } from '../../../../machines/taxonomy.js';

/**
 * Colours of the HTML report, by status family as in the lifecycle diagram (src/diagram/style.ts):
 * ANSWERED green, ABSENT amber, ERROR red. Sub-statuses are shades of their family, darkest first.
 */
export const FAMILY_COLORS: Readonly<Record<CallStatus, string>> = {
  ANSWERED: STATUS_SWATCHES.ANSWERED?.stroke ?? '#2e7d32',
  ABSENT: STATUS_SWATCHES.ABSENT?.stroke ?? '#b7791f',
  ERROR: STATUS_SWATCHES.ERROR?.stroke ?? '#c62828',
};

/** Light backgrounds of each family (the diagram's terminal-state fills). */
export const FAMILY_TINTS: Readonly<Record<CallStatus, string>> = {
  ANSWERED: STATUS_SWATCHES.ANSWERED?.fill ?? '#dcf2dc',
  ABSENT: STATUS_SWATCHES.ABSENT?.fill ?? '#fff1cc',
  ERROR: STATUS_SWATCHES.ERROR?.fill ?? '#fde0de',
};

const SUB_STATUS_COLORS: Readonly<Record<SubStatus, string>> = {
  COMPLETE: '#2e7d32',
  INCOMPLETE: '#7cc47f',
  BUSY: '#8a5a12',
  NO_ANSWER: '#b7791f',
  VOICEMAIL_DETECTED: '#e9b949',
  BLACKLISTED: '#7f1d1d',
  REJECTED: '#c62828',
  UNALLOCATED_NUMBER: '#e35d5d',
  OTHER: '#f2a0a0',
};

export function subStatusColor(subStatus: SubStatus): string {
  return SUB_STATUS_COLORS[subStatus];
}
