import { createHash, createHmac } from 'node:crypto';
import { VERIFIED, bearerToken, refused, sameSecret, type SignedRequest, type Verifier } from './types.js';

/** How old a token's `iat` may be (a replay window of our choosing: Vonage documents none). */
const VONAGE_TOLERANCE_MS = 300_000;

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Vonage's signed webhooks: `Authorization: Bearer <JWT>`, signed HS256 with the account's
 * signature secret; its `payload_hash` claim is the SHA-256 (hex) of the body, and `iat` dates it.
 * https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks
 *
 * @example
 * const verify = vonageVerifier(process.env.VONAGE_SIGNATURE_SECRET!);
 */
export function vonageVerifier(secret: string, toleranceMs = VONAGE_TOLERANCE_MS): Verifier {
  return (request: SignedRequest) => {
    const token = bearerToken(request);
    if (token === null) return refused(401, 'missing the signed-webhook token (Authorization: Bearer <JWT>)');
    const [head, claims, signature, ...extra] = token.split('.');
    if (head === undefined || claims === undefined || signature === undefined || extra.length > 0)
      return refused(403, 'the Authorization token is not a JWT');
    if (decodeJson(head)?.alg !== 'HS256') return refused(403, 'the token is not signed with HS256');
    const expected = createHmac('sha256', secret).update(`${head}.${claims}`).digest('base64url');
    if (!sameSecret(expected, signature)) return refused(403, 'the token signature does not verify');
    const payload = decodeJson(claims);
    const hash = createHash('sha256').update(request.rawBody, 'utf8').digest('hex');
    if (payload === null || typeof payload.payload_hash !== 'string' || !sameSecret(hash, payload.payload_hash))
      return refused(403, "the token's payload_hash does not match the body");
    const issued = typeof payload.iat === 'number' ? payload.iat * 1000 : Number.NaN;
    if (!(Math.abs(request.now - issued) <= toleranceMs)) return refused(403, "the token's iat is stale or missing");
    if (typeof payload.exp === 'number' && payload.exp * 1000 < request.now)
      return refused(403, 'the token has expired');
    return VERIFIED;
  };
}
