import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { VERIFIED, header, refused, type SignedRequest, type Verifier } from './types.js';

/** How old (or how far ahead) a signed timestamp may be: Telnyx's SDKs use 300 s. */
const TELNYX_TOLERANCE_MS = 300_000;

/** A Telnyx public key as the portal shows it (Base64 of the 32-byte Ed25519 key). */
export function telnyxPublicKey(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) throw new Error('TELNYX_PUBLIC_KEY: expected the Base64 of a 32-byte Ed25519 public key');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/**
 * Telnyx's webhook signature: `telnyx-signature-ed25519` is the Base64 Ed25519 signature of
 * `${telnyx-timestamp}|${raw body}`; the timestamp (Unix seconds) must be within the tolerance,
 * so a captured request cannot be replayed later.
 * https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks#webhook-signing
 *
 * @example
 * const verify = telnyxVerifier(telnyxPublicKey(process.env.TELNYX_PUBLIC_KEY!));
 */
export function telnyxVerifier(publicKey: KeyObject, toleranceMs = TELNYX_TOLERANCE_MS): Verifier {
  return (request: SignedRequest) => {
    const signature = header(request, 'telnyx-signature-ed25519');
    const timestamp = header(request, 'telnyx-timestamp');
    if (signature === null || timestamp === null)
      return refused(401, 'missing telnyx-signature-ed25519 or telnyx-timestamp');
    const seconds = Number(timestamp);
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(request.now - seconds * 1000) > toleranceMs)
      return refused(403, 'telnyx-timestamp is outside the tolerance (a stale or replayed request)');
    const message = Buffer.from(`${timestamp}|${request.rawBody}`, 'utf8');
    const valid = verify(null, message, publicKey, Buffer.from(signature, 'base64'));
    return valid ? VERIFIED : refused(403, 'telnyx-signature-ed25519 does not match this timestamp and body');
  };
}
