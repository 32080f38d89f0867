import { createHmac } from 'node:crypto';
import { VERIFIED, header, refused, sameSecret, type SignedRequest, type Verifier } from './types.js';

const byName = (a: readonly [string, string], b: readonly [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/**
 * The string Plivo's V3 signature covers for a POST: the URL without its query, then `?` and the
 * query's parameters sorted (`name=value` joined by `&`) and a `.` when there is a query, then the
 * body's parameters sorted by name, each as name then value, then `.` and the nonce.
 * https://www.plivo.com/docs/voice/concepts/signature-validation (as plivo-python's
 * `utils/signature_v3.py` builds it).
 */
export function plivoSignedString(url: string, params: readonly (readonly [string, string])[], nonce: string): string {
  const parsed = new URL(url);
  const base = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  const query = [...parsed.searchParams]
    .sort(byName)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const body = [...params]
    .sort(byName)
    .map(([name, value]) => name + value)
    .join('');
  const withQuery =
    params.length === 0 ? (query === '' ? base : `${base}?${query}`) : `${base}?${query}${query === '' ? '' : '.'}`;
  return `${withQuery}${body}.${nonce}`;
}

function plivoSignature(
  authToken: string,
  url: string,
  params: readonly (readonly [string, string])[],
  nonce: string,
): string {
  return createHmac('sha256', authToken)
    .update(plivoSignedString(url, params, nonce), 'utf8')
    .digest('base64');
}

/**
 * Plivo's V3 signature: `X-Plivo-Signature-V3` (one or more Base64 HMAC-SHA256 values, comma
 * separated, keyed with the auth token) and its `X-Plivo-Signature-V3-Nonce`.
 *
 * @example
 * const verify = plivoVerifier(process.env.PLIVO_AUTH_TOKEN!);
 */
export function plivoVerifier(authToken: string): Verifier {
  return (request: SignedRequest) => {
    const given = header(request, 'x-plivo-signature-v3');
    const nonce = header(request, 'x-plivo-signature-v3-nonce');
    if (given === null || nonce === null) return refused(401, 'missing X-Plivo-Signature-V3 or its nonce');
    const expected = plivoSignature(authToken, request.url, request.form ?? [], nonce);
    return given.split(',').some((candidate) => sameSecret(expected, candidate.trim()))
      ? VERIFIED
      : refused(403, 'X-Plivo-Signature-V3 does not match this URL, body and nonce');
  };
}
