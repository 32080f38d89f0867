// Signed Twilio status callbacks for the load benches, signed before the run: signing is the
// provider's work, and done during the run it takes the load generator's share of the two cores
// (it cut the measured rate by about a third). Past the presigned ones, requests are signed as
// they go.
import { createHmac } from 'node:crypto';

export interface LoadRequest {
  method: 'POST';
  path: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * The n-th callback: calls alternate ringing then busy (two callbacks per call, the second ends
 * it), so the store also writes one record per call once its grace window has passed. `tag`
 * keeps the call ids of one run apart from another's on a shared database.
 */
function twilioCallback(n: number, url: URL, token: string, tag: string): LoadRequest {
  const fields: [string, string][] = [
    ['CallSid', `CA${tag}${Math.floor(n / 2).toString(16)}`],
    ['CallStatus', n % 2 === 0 ? 'ringing' : 'busy'],
    ['To', '+33612345678'],
    ['SequenceNumber', String(n % 2)],
    ['Timestamp', new Date(Date.UTC(2026, 0, 5) + (Math.floor(n / 2) % 50_000) * 1000 + (n % 2) * 5000).toUTCString()],
  ];
  // X-Twilio-Signature: Base64 HMAC-SHA1 of the URL and the fields sorted by name, as Twilio
  // signs (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
  const sorted = [...fields].sort(([a], [b]) => (a < b ? -1 : 1));
  const signature = createHmac('sha1', token)
    .update(url.href + sorted.map(([name, value]) => name + value).join(''))
    .digest('base64');
  return {
    method: 'POST',
    path: url.pathname,
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  };
}

/** A source of callbacks for autocannon's `setupRequest`, `count` of them signed in advance. */
export function callbackSource(url: URL, token: string, count: number, tag = ''): () => LoadRequest {
  const presigned = Array.from({ length: count }, (_, n) => twilioCallback(n, url, token, tag));
  let next = 0;
  return () => {
    const n = next++;
    return presigned[n] ?? twilioCallback(n, url, token, tag);
  };
}
