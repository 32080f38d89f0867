import { VERIFIED, bearerToken, refused, sameSecret, type SignedRequest, type Verifier } from './types.js';

/**
 * The generic API's and the PBX bridges' credential: `Authorization: Bearer <token>` (RFC 6750),
 * the token from `CALL_LIFECYCLE_TOKEN`.
 *
 * @example
 * const verify = bearerVerifier(process.env.CALL_LIFECYCLE_TOKEN!);
 */
export function bearerVerifier(token: string): Verifier {
  return (request: SignedRequest) => {
    const given = bearerToken(request);
    if (given === null) return refused(401, 'missing Authorization: Bearer <token>');
    return sameSecret(token, given) ? VERIFIED : refused(403, 'the bearer token is wrong');
  };
}
