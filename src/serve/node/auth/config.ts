import type { ProviderName } from '../../../carriers/providers/types.js';
import type { SourceName } from '../../store/types.js';
import { bearerVerifier } from './bearer.js';
import { plivoVerifier } from './plivo.js';
import { telnyxPublicKey, telnyxVerifier } from './telnyx.js';
import { twilioVerifier } from './twilio.js';
import { refused, VERIFIED, type SignedRequest, type Verdict, type Verifier } from './types.js';
import { vonageVerifier } from './vonage.js';

/** The environment variable holding each source's secret. PBX bridges and the generic API share the token. */
export const SECRET_ENV: Readonly<Record<SourceName, string>> = {
  twilio: 'TWILIO_AUTH_TOKEN',
  plivo: 'PLIVO_AUTH_TOKEN',
  telnyx: 'TELNYX_PUBLIC_KEY',
  vonage: 'VONAGE_SIGNATURE_SECRET',
  asterisk: 'CALL_LIFECYCLE_TOKEN',
  freeswitch: 'CALL_LIFECYCLE_TOKEN',
  generic: 'CALL_LIFECYCLE_TOKEN',
};

/**
 * Who may post and read. Closed by default: a source without a secret is refused, unless
 * `allowUnsigned` (the `--allow-unsigned` trial mode) lets unsigned requests in for such sources.
 */
export class Access {
  private constructor(
    private readonly verifiers: Partial<Record<SourceName, Verifier>>,
    readonly allowUnsigned: boolean,
  ) {}

  /** Reads the secrets from the environment; a malformed one is an error naming its variable. */
  static fromEnv(env: Readonly<Record<string, string | undefined>>, allowUnsigned: boolean): Access {
    const secret = (source: SourceName) => {
      const value = env[SECRET_ENV[source]];
      return value === undefined || value.trim() === '' ? null : value.trim();
    };
    const verifiers: Partial<Record<SourceName, Verifier>> = {};
    const twilio = secret('twilio');
    if (twilio !== null) verifiers.twilio = twilioVerifier(twilio);
    const plivo = secret('plivo');
    if (plivo !== null) verifiers.plivo = plivoVerifier(plivo);
    const telnyx = secret('telnyx');
    if (telnyx !== null) verifiers.telnyx = telnyxVerifier(telnyxPublicKey(telnyx));
    const vonage = secret('vonage');
    if (vonage !== null) verifiers.vonage = vonageVerifier(vonage);
    const token = secret('generic');
    if (token !== null) {
      const bearer = bearerVerifier(token);
      for (const source of ['asterisk', 'freeswitch', 'generic'] as const) verifiers[source] = bearer;
    }
    return new Access(verifiers, allowUnsigned);
  }

  /** Checks a request to a source's endpoint. */
  check(source: SourceName, request: SignedRequest): Verdict {
    const verifier = this.verifiers[source];
    if (verifier !== undefined) return verifier(request);
    if (this.allowUnsigned) return VERIFIED;
    return refused(401, `${source} is closed: no secret is configured (set ${SECRET_ENV[source]})`);
  }

  /** Reading calls and records (they hold phone numbers) takes the token, in a header or `access_token` (RFC 6750 §2.3). */
  checkRead(request: SignedRequest, queryToken: string | null): Verdict {
    const verifier = this.verifiers.generic;
    if (verifier === undefined)
      return this.allowUnsigned ? VERIFIED : refused(401, 'reading is closed: set CALL_LIFECYCLE_TOKEN');
    if (queryToken === null) return verifier(request);
    return verifier({ ...request, headers: { ...request.headers, authorization: `Bearer ${queryToken}` } });
  }

  /** The sources that accept requests without a signature (for the loud start-up warning). */
  unsigned(): SourceName[] {
    if (!this.allowUnsigned) return [];
    return (Object.keys(SECRET_ENV) as SourceName[]).filter((source) => this.verifiers[source] === undefined);
  }

  has(source: ProviderName | 'generic'): boolean {
    return this.verifiers[source] !== undefined;
  }
}
