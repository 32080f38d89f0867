import { createHmac } from 'node:crypto';

/**
 * X-Twilio-Signature, written from Twilio's "Webhooks security" page
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security): Base64 of HMAC-SHA1 keyed with
 * the auth token, over the full URL followed by each POST parameter, sorted by name, as name then
 * value. Independent of the server's own verifier on purpose.
 */
export function signTwilio(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((name) => name + params[name])
      .join('');
  return createHmac('sha1', authToken).update(data).digest('base64');
}
