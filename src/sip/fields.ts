import { header, type SipMessage } from './message.js';

/**
 * The fields of a SIP message that dialogs and transactions are made of (RFC 3261 §12, §17):
 * Call-ID, the From and To tags, CSeq, and the top Via's branch.
 */
export interface SipKeys {
  readonly callId: string;
  readonly fromTag: string | null;
  readonly toTag: string | null;
  readonly cseq: number;
  readonly cseqMethod: string;
  readonly branch: string | null;
}

/** A parameter of a name-addr header (`;tag=…`), outside the `<…>` URI and quoted names. */
function param(value: string | undefined, name: string): string | null {
  if (value === undefined) return null;
  const close = value.lastIndexOf('>');
  const params = close === -1 ? value : value.slice(close + 1);
  const match = new RegExp(`;\\s*${name}\\s*=\\s*([^;,\\s]+)`, 'i').exec(params);
  return match?.[1] ?? null;
}

/**
 * The keys of a message, or a one-line reason when a header dialogs need is missing or malformed.
 *
 * @example
 * sipKeys(message); // → { callId: 'a84b4c76e66710', fromTag: '1928301774', toTag: null, cseq: 314159, cseqMethod: 'INVITE', branch: 'z9hG4bK776asdhds' }
 */
export function sipKeys(message: SipMessage): SipKeys | string {
  const callId = header(message, 'call-id');
  if (callId === undefined || callId === '') return 'no Call-ID header';
  const cseq = /^(\d+)\s+(\S+)$/.exec(header(message, 'cseq') ?? '');
  if (cseq === null) return `Call-ID ${callId}: no valid CSeq header`;
  const via = header(message, 'via');
  return {
    callId,
    fromTag: param(header(message, 'from'), 'tag'),
    toTag: param(header(message, 'to'), 'tag'),
    cseq: Number(cseq[1]),
    cseqMethod: (cseq[2] as string).toUpperCase(),
    branch: via === undefined ? null : param(via.split(',')[0], 'branch'),
  };
}

/**
 * The user part of a SIP or tel URI as an E.164 number (`+` and 2 to 15 digits, the first not 0),
 * or null. Visual separators (`-`, `.`, `(`, `)`) are dropped (RFC 3966 §5.1.1).
 *
 * @example
 * e164FromUri('sip:+33612345678@carrier.example;user=phone'); // → '+33612345678'
 * e164FromUri('sip:service@127.0.0.1:5060'); // → null
 */
export function e164FromUri(uri: string): string | null {
  const inner = /<([^>]*)>/.exec(uri)?.[1] ?? uri;
  const match = /^(?:sips?|tel):([^@;?>]+)/i.exec(inner.trim());
  if (match === null) return null;
  const user = (match[1] as string).replace(/[-.()]/g, '');
  const digits = /^\+?([1-9]\d{1,14})$/.exec(user);
  return digits === null ? null : `+${digits[1]}`;
}
