import { describeValue, fail, ok, type Result } from '../../machines/result.js';
import { isQ850Cause } from './q850.js';
import { isSipCode } from './sip.js';

/** One reason-value of a SIP `Reason` header (RFC 3326 §2, carried in responses per RFC 6432). */
export interface ReasonValue {
  readonly protocol: string;
  readonly cause: number;
  readonly text?: string;
}

/** Splits on `separator` outside double-quoted strings (a quoted text may hold `,` and `;`). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted && char === '\\') {
      current += char + (text[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"'))
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  return trimmed;
}

function parseReasonValue(raw: string, path: string): Result<ReasonValue> {
  const [protocolPart, ...params] = splitOutsideQuotes(raw, ';');
  const protocol = (protocolPart ?? '').trim();
  if (!/^[A-Za-z0-9.!%*_+`'~-]+$/.test(protocol))
    return fail(path, `expected a protocol such as Q.850 or SIP, got ${describeValue(protocol)}`);
  let cause: number | undefined;
  let text: string | undefined;
  for (const param of params) {
    const [name = '', ...rest] = param.split('=');
    const value = rest.join('=');
    const key = name.trim().toLowerCase();
    if (key === 'cause') {
      if (!/^\s*\d+\s*$/.test(value))
        return fail(`${path}.cause`, `expected digits, got ${describeValue(value.trim())}`);
      cause = Number(value);
    } else if (key === 'text') {
      text = unquote(value);
    }
  }
  if (cause === undefined)
    return fail(path, `${protocol} reason has no cause parameter (expected e.g. Q.850;cause=17)`);
  const upper = protocol.toUpperCase();
  if (upper === 'Q.850' && !isQ850Cause(cause))
    return fail(`${path}.cause`, `expected a Q.850 cause from 1 to 127, got ${cause}`);
  if (upper === 'SIP' && !isSipCode(cause))
    return fail(`${path}.cause`, `expected a SIP status code from 100 to 699, got ${cause}`);
  const canonical = upper === 'Q.850' || upper === 'SIP' ? upper : protocol;
  return ok(text === undefined ? { protocol: canonical, cause } : { protocol: canonical, cause, text });
}

/**
 * Parses a `Reason` header value (with or without the `Reason:` name): one or more
 * comma-separated reason-values. Protocols other than SIP and Q.850 are kept as given.
 *
 * @example
 * parseReasonHeader('Q.850;cause=17;text="User busy"');
 * // → { ok: true, value: [{ protocol: 'Q.850', cause: 17, text: 'User busy' }] }
 * parseReasonHeader('Reason: SIP;cause=487, Q.850;cause=16'); // → two values
 * parseReasonHeader('Q.850;cause=abc'); // → { ok: false, error: { path: 'reason[0].cause', message: 'expected digits, got "abc"' } }
 */
export function parseReasonHeader(header: unknown, path = 'reason'): Result<ReasonValue[]> {
  if (typeof header !== 'string')
    return fail(path, `expected a Reason header such as Q.850;cause=17, got ${describeValue(header)}`);
  const body = header.replace(/^\s*reason\s*:/i, '');
  if (body.trim() === '') return fail(path, 'empty Reason header (expected e.g. Q.850;cause=17)');
  const values: ReasonValue[] = [];
  for (const [index, raw] of splitOutsideQuotes(body, ',').entries()) {
    const value = parseReasonValue(raw, `${path}[${index}]`);
    if (!value.ok) return value;
    values.push(value.value);
  }
  return ok(values);
}

/**
 * The Q.850 cause of a Reason header, or null when it carries none; a malformed header is an error.
 *
 * @example
 * q850FromReason('SIP;cause=480, Q.850;cause=19'); // → { ok: true, value: 19 }
 */
export function q850FromReason(header: unknown, path = 'reason'): Result<number | null> {
  const parsed = parseReasonHeader(header, path);
  if (!parsed.ok) return parsed;
  return ok(parsed.value.find((value) => value.protocol === 'Q.850')?.cause ?? null);
}
