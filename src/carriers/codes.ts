import type { CarrierEvent } from '../../machines/events.js';
import { fail, ok, type Result } from '../../machines/result.js';
import type { PolicyId } from './policies.js';
import { fromQ850 } from './q850.js';
import { fromSip, type SipContext } from './sip.js';

/** A carrier signal with a SIP code, a Q.850 cause, or both. */
export interface CarrierCodes {
  readonly sip?: unknown;
  readonly q850?: unknown;
}

/** What `fromCodes` returns: an event, or the explicit "provisional: nothing happens". */
export type CodesMapping =
  | {
      readonly kind: 'event';
      readonly event: CarrierEvent;
      readonly rule: string;
      readonly policies: readonly PolicyId[];
    }
  | { readonly kind: 'provisional'; readonly sipCode: number; readonly rule: string };

/**
 * Maps a SIP code and/or a Q.850 cause to one carrier event. The SIP code decides, except that a
 * generic failure (`carrier.failed`) gives way to a cause that says more (policy
 * `codes-specific-wins`, RFC 6432). The event keeps the raw code and cause; a cause the caller
 * did not give is filled from RFC 3398 §8.2.6.1.
 *
 * @example
 * fromCodes({ sip: 503, q850: 17 }); // → carrier.busy with sipCode 503, q850 17
 * fromCodes({ sip: 486 });           // → carrier.busy with sipCode 486, q850 17
 */
export function fromCodes(codes: CarrierCodes, context: SipContext = {}, path = ''): Result<CodesMapping> {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  const hasSip = codes.sip !== undefined;
  const hasCause = codes.q850 !== undefined;
  if (!hasSip && !hasCause) return fail(path, 'expected a SIP code ("sip") or a Q.850 cause ("q850")');
  const cause = hasCause ? fromQ850(codes.q850, context, at('q850')) : null;
  if (cause !== null && !cause.ok) return cause;
  const causeMapping = cause?.ok ? cause.value : null;
  if (!hasSip) {
    if (causeMapping === null) throw new Error('bug: a cause was given but not mapped');
    const policies = causeMapping.policy === undefined ? [] : [causeMapping.policy];
    return ok({ kind: 'event', event: causeMapping.event, rule: `Q.850 ${causeMapping.rule}`, policies });
  }
  const sip = fromSip(codes.sip, context, at('sip'));
  if (!sip.ok) return sip;
  if (sip.value.kind === 'provisional') {
    if (hasCause)
      return fail(at('sip'), `${sip.value.sipCode} is provisional: a Q.850 cause only goes with a final response`);
    return ok(sip.value);
  }
  const sipEvent = sip.value.event;
  const policies: PolicyId[] = sip.value.policy === undefined ? [] : [sip.value.policy];
  if (causeMapping === null) return ok({ kind: 'event', event: sipEvent, rule: `SIP ${sip.value.rule}`, policies });
  const causeDecides = sipEvent.type === 'carrier.failed' && causeMapping.event.type !== 'carrier.failed';
  const type = causeDecides ? causeMapping.event.type : sipEvent.type;
  if (causeDecides) policies.push('codes-specific-wins');
  if (causeMapping.policy !== undefined && causeDecides) policies.push(causeMapping.policy);
  const rule = causeDecides ? `Q.850 ${causeMapping.rule} (refines SIP ${sip.value.rule})` : `SIP ${sip.value.rule}`;
  return ok({
    kind: 'event',
    event: { type, sipCode: sipEvent.sipCode as number, q850: causeMapping.event.q850 as number },
    rule,
    policies,
  });
}
