import { createHmac } from 'node:crypto';
import { VERIFIED, header, refused, sameSecret, type SignedRequest, type Verifier } from './types.js';

/**
 * Twilio's request signature: `X-Twilio-Signature` is the Base64 HMAC-SHA1, keyed with the account's
 * auth token, of the full URL Twilio called followed by every POST parameter, sorted by name, each
 * as name then value with nothing between. https://www.twilio.com/docs/usage/webhooks/webhooks-security
 *
 * @example
 * const verify = twilioVerifier(process.env.TWILIO_AUTH_TOKEN!);
 */
export function twilioVerifier(authToken: string): Verifier {
  return (request: SignedRequest) => {
    const given = header(request, 'x-twilio-signature');
    if (given === null) return refused(401, 'missing X-Twilio-Signature');
    return sameSecret(twilioSignature(authToken, request.url, request.form ?? []), given)
      ? VERIFIED
      : refused(403, 'X-Twilio-Signature does not match this URL and body');
  };
}

export function twilioSignature(
  authToken: string,
  url: string,
  params: readonly (readonly [string, string])[],
): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const data = url + sorted.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}
