import { fail, ok, type Result } from '../../machines/result.js';
import { fromCodes } from './codes.js';

/** Whether a scenario event is written with raw codes (`sip`, or `q850` without a `type`). */
export function isCodedEvent(raw: Record<string, unknown>): boolean {
  return 'sip' in raw || ('q850' in raw && !('type' in raw));
}

/**
 * Turns a scenario event written with raw codes (`{ "at": 0, "sip": 486 }`, `{ "at": 0, "q850": 17 }`
 * or both) into the machine's carrier event, keeping the raw code and cause as `sipCode`/`q850`.
 * Other fields are left for the scenario parser to check.
 *
 * @example
 * carrierEventFromCodes({ at: 900, sip: 486 }, 'events[1]');
 * // → { ok: true, value: { at: 900, type: 'carrier.busy', sipCode: 486, q850: 17 } }
 */
export function carrierEventFromCodes(raw: Record<string, unknown>, path: string): Result<Record<string, unknown>> {
  if ('type' in raw)
    return fail(
      `${path}.sip`,
      'write either "sip"/"q850" alone, or "type" with "sipCode"/"q850", not "type" and "sip" together',
    );
  const { sip, q850, ...rest } = raw;
  const mapped = fromCodes({ sip, q850 }, {}, path);
  if (!mapped.ok) return mapped;
  if (mapped.value.kind === 'provisional') {
    return fail(
      `${path}.sip`,
      `${mapped.value.sipCode} is provisional and changes nothing (only 180 and 183 mean ringing): leave it out`,
    );
  }
  return ok({ ...rest, ...mapped.value.event });
}
