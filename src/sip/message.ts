import { describeValue, fail, ok, type Result } from '../../machines/result.js';

/** A parsed SIP request or response (RFC 3261 §7). Header names are lowercase long forms. */
export type SipMessage =
  | (SipParts & { readonly kind: 'request'; readonly method: string; readonly uri: string })
  | (SipParts & { readonly kind: 'response'; readonly status: number; readonly reason: string });

interface SipParts {
  /** Every header's values in order, by lowercase long name (`call-id`, `via`, …). */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: string;
}

/** Compact header forms (RFC 3261 §7.3.3 and the registrations after it). */
const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  u: 'allow-events',
  x: 'session-expires',
  y: 'identity',
};

const REQUEST_LINE = /^([A-Za-z][A-Za-z0-9.!%*_+`'~-]*) (\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/;

/** A header's long lowercase name, whatever form or case it was written in. */
export function headerName(raw: string): string {
  const lower = raw.trim().toLowerCase();
  return COMPACT[lower] ?? lower;
}

/**
 * Whether text starts like a SIP message (a request line or a status line): a cheap test run on
 * every datagram of a capture before any parsing.
 *
 * @example
 * looksLikeSip('INVITE sip:+33612345678@carrier.example SIP/2.0\r\n…'); // → true
 */
export function looksLikeSip(start: string): boolean {
  if (start.startsWith('SIP/2.0 ')) return true;
  const lineEnd = start.indexOf('\r\n');
  const line = lineEnd === -1 ? start : start.slice(0, lineEnd);
  return line.endsWith(' SIP/2.0') && REQUEST_LINE.test(line);
}

/**
 * Parses one SIP message from its text: start line, headers (folded lines joined, compact forms
 * expanded, names in any case) and body. The body is what follows the blank line, cut at
 * Content-Length when that is shorter (RFC 3261 §18.3, §20.14). A malformed message is an error
 * value naming the problem.
 *
 * @example
 * const parsed = parseSipMessage('SIP/2.0 486 Busy Here\r\nCall-ID: a84b4c76e66710\r\nCSeq: 1 INVITE\r\n\r\n');
 * parsed.ok && parsed.value.kind === 'response' && parsed.value.status; // → 486
 */
export function parseSipMessage(text: string): Result<SipMessage> {
  let headerEnd = text.indexOf('\r\n\r\n');
  let bodyStart = headerEnd + 4;
  if (headerEnd === -1) {
    headerEnd = text.indexOf('\n\n');
    bodyStart = headerEnd + 2;
  }
  if (headerEnd === -1) {
    headerEnd = text.length;
    bodyStart = text.length;
  }
  const lines = text.slice(0, headerEnd).split(/\r?\n/);
  const startLine = lines[0] ?? '';
  const headers = new Map<string, string[]>();
  let current: string[] | null = null;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && current !== null) {
      // Header folding (RFC 3261 §7.3.1): the line continues the previous value.
      current[current.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return fail(`line ${index + 1}`, `expected "Name: value", got ${describeValue(line)}`);
    const name = headerName(line.slice(0, colon));
    current = headers.get(name) ?? [];
    current.push(line.slice(colon + 1).trim());
    headers.set(name, current);
  }
  let body = text.slice(bodyStart);
  const length = headers.get('content-length')?.[0];
  if (length !== undefined) {
    if (!/^\d+$/.test(length))
      return fail('Content-Length', `expected a number of bytes, got ${describeValue(length)}`);
    if (Number(length) < body.length) body = body.slice(0, Number(length));
  }
  const status = STATUS_LINE.exec(startLine);
  if (status !== null)
    return ok({ kind: 'response', status: Number(status[1]), reason: status[2] ?? '', headers, body });
  const request = REQUEST_LINE.exec(startLine);
  if (request !== null)
    return ok({
      kind: 'request',
      method: (request[1] as string).toUpperCase(),
      uri: request[2] as string,
      headers,
      body,
    });
  return fail('start line', `expected a SIP request or status line, got ${describeValue(startLine)}`);
}

/** The first value of a header, or undefined. */
export function header(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name)?.[0];
}
