/** Node's codes for a peer that cannot be reached or went away mid-conversation. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "wrong": class 08 (connection exception)
 * and the server shutting down or starting up (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now). https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123])$/;

/**
 * Whether a store's error means the store could not be reached (its database restarting, the
 * network to it cut) rather than a fault: the write was not done and the same request can simply
 * come again later. `serve` answers such a request 503, which every provider retries.
 *
 * @example
 * storeUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })); // → true
 */
export function storeUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  // node-postgres's own words when a connection ends under a query or cannot be opened in time.
  return /Connection terminated|timeout exceeded when trying to connect/i.test(error.message);
}
