import { timingSafeEqual } from 'node:crypto';

/** What a signature check reads from a request. */
export interface SignedRequest {
  /** The URL the provider called, as it saw it (`--public-url` + path and query). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body exactly as received. */
  readonly rawBody: string;
  /** A form post's fields in order (null for a JSON body). */
  readonly form: readonly (readonly [string, string])[] | null;
  /** Wall-clock ms, for timestamp tolerances. */
  readonly now: number;
}

/** 401: no credentials; 403: credentials that do not verify (forged, stale, for another body). */
export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

export type Verifier = (request: SignedRequest) => Verdict;

export const VERIFIED: Verdict = { ok: true };

export function refused(status: 401 | 403, reason: string): Verdict {
  return { ok: false, status, reason };
}

export function header(request: SignedRequest, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

/** Compares secrets in constant time, so the time taken says nothing about how much matched. */
export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A bearer token (RFC 6750 §2.1) from the Authorization header, or null. */
export function bearerToken(request: SignedRequest): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(request, 'authorization') ?? '');
  return match?.[1] ?? null;
}
