import { createHash, createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { plivoSignedString, plivoVerifier } from '../../src/serve/node/auth/plivo.js';
import { telnyxPublicKey, telnyxVerifier } from '../../src/serve/node/auth/telnyx.js';
import { twilioSignature, twilioVerifier } from '../../src/serve/node/auth/twilio.js';
import type { SignedRequest } from '../../src/serve/node/auth/types.js';
import { vonageVerifier } from '../../src/serve/node/auth/vonage.js';

const NOW = Date.UTC(2026, 10, 29, 20, 0, 0);
const request = (fields: Partial<SignedRequest>): SignedRequest => ({
  url: 'https://example.com/webhooks/x',
  headers: {},
  rawBody: '',
  form: null,
  now: NOW,
  ...fields,
});

describe('Twilio X-Twilio-Signature', () => {
  // The example of Twilio's own snippet for request validation (TwilioDevEd/api-snippets,
  // security/signature_validation/signature_validation.3.x.js): token, URL, params, signature.
  const params: [string, string][] = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+14158675310'],
    ['Digits', '1234'],
    ['From', '+14158675310'],
    ['To', '+18005551212'],
  ];
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';

  it("reproduces the signature of Twilio's documented example", () => {
    expect(twilioSignature('12345', url, params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('accepts that request and refuses it with another body, another token or no header', () => {
    const headers = { 'x-twilio-signature': 'GvWf1cFY/Q7PnoempGyD5oXAezc=' };
    expect(twilioVerifier('12345')(request({ url, form: params, headers }))).toEqual({ ok: true });
    const changed: [string, string][] = [...params.slice(0, 2), ['Digits', '9999'], ...params.slice(3)];
    expect(twilioVerifier('12345')(request({ url, form: changed, headers })).ok).toBe(false);
    expect(twilioVerifier('54321')(request({ url, form: params, headers }))).toMatchObject({ status: 403 });
    expect(twilioVerifier('12345')(request({ url, form: params }))).toMatchObject({ status: 401 });
  });
});

describe('Plivo X-Plivo-Signature-V3', () => {
  // Plivo's signature-validation page: for a POST, the URL (its query sorted, then "."), the body
  // parameters sorted by name as name+value, then "." and the nonce, HMAC-SHA256 with the auth token.
  it('signs the documented string', () => {
    const form: [string, string][] = [
      ['To', '33612345678'],
      ['CallUUID', 'c1'],
    ];
    expect(plivoSignedString('https://example.com/hook', form, '123')).toBe(
      'https://example.com/hook?CallUUIDc1To33612345678.123',
    );
    expect(plivoSignedString('https://example.com/hook?b=2&a=1', form, '123')).toBe(
      'https://example.com/hook?a=1&b=2.CallUUIDc1To33612345678.123',
    );
  });

  it('accepts any of several comma-separated signatures, refuses a wrong one', () => {
    const form: [string, string][] = [['CallUUID', 'c1']];
    const digest = createHmac('sha256', 'token')
      .update('https://example.com/webhooks/x?CallUUIDc1.n1')
      .digest('base64');
    const headers = (signature: string) => ({ 'x-plivo-signature-v3': signature, 'x-plivo-signature-v3-nonce': 'n1' });
    expect(plivoVerifier('token')(request({ form, headers: headers(`other, ${digest}`) }))).toEqual({ ok: true });
    expect(plivoVerifier('token')(request({ form, headers: headers('AAAA') }))).toMatchObject({ status: 403 });
  });
});

describe('Telnyx telnyx-signature-ed25519', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x ?? '';
  const key = telnyxPublicKey(Buffer.from(raw, 'base64url').toString('base64'));
  const body = '{"data":{"event_type":"call.hangup"}}';
  const signed = (timestamp: number, text = body) => ({
    'telnyx-timestamp': String(timestamp),
    'telnyx-signature-ed25519': sign(null, Buffer.from(`${timestamp}|${text}`), privateKey).toString('base64'),
  });

  it('accepts a signature of timestamp|body within the tolerance', () => {
    const seconds = Math.floor(NOW / 1000) - 10;
    expect(telnyxVerifier(key)(request({ rawBody: body, headers: signed(seconds) }))).toEqual({ ok: true });
  });

  it('refuses a stale timestamp (a replay), a changed body and a missing header', () => {
    const stale = Math.floor(NOW / 1000) - 301;
    expect(telnyxVerifier(key)(request({ rawBody: body, headers: signed(stale) }))).toMatchObject({ status: 403 });
    const seconds = Math.floor(NOW / 1000);
    expect(telnyxVerifier(key)(request({ rawBody: `${body} `, headers: signed(seconds) }))).toMatchObject({
      status: 403,
    });
    expect(telnyxVerifier(key)(request({ rawBody: body }))).toMatchObject({ status: 401 });
  });
});

describe('Vonage signed webhooks', () => {
  const body = '{"uuid":"u1","status":"busy"}';
  const jwt = (secret: string, claims: Record<string, unknown>, alg = 'HS256') => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
    return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
  };
  const hash = createHash('sha256').update(body).digest('hex');
  const iat = Math.floor(NOW / 1000);
  const withToken = (token: string) => request({ rawBody: body, headers: { authorization: `Bearer ${token}` } });

  it('accepts an HS256 token whose payload_hash is the body hash', () => {
    expect(vonageVerifier('secret')(withToken(jwt('secret', { iat, payload_hash: hash })))).toEqual({ ok: true });
  });

  it('refuses another secret, another body, a stale iat, another algorithm and no token', () => {
    const verify = vonageVerifier('secret');
    expect(verify(withToken(jwt('other', { iat, payload_hash: hash })))).toMatchObject({ status: 403 });
    expect(verify(withToken(jwt('secret', { iat, payload_hash: '00' })))).toMatchObject({ status: 403 });
    expect(verify(withToken(jwt('secret', { iat: iat - 301, payload_hash: hash })))).toMatchObject({ status: 403 });
    expect(verify(withToken(jwt('secret', { iat, payload_hash: hash }, 'none')))).toMatchObject({ status: 403 });
    expect(verify(request({ rawBody: body }))).toMatchObject({ status: 401 });
  });
});
