import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppOptions, type ReceivedBody, refuse } from '../app.js';

/** Marks a request one process passed to another, so that it is passed at most once. */
const FORWARDED = 'x-call-lifecycle-forwarded';
const OWNER_TIMEOUT_MS = 5_000;

/**
 * A generic API request for a call that another process sharing the store runs (docs/scale-out.md):
 * passed to that process, its answer passed back, as a load balancer that knew call ids would do.
 * When no owner can be named (its partition between two owners) or it cannot be reached, 503:
 * nothing was applied, the client retries. A request already passed once is not passed again
 * (the lease moved meanwhile): 503 too.
 */
export async function passToOwner(
  options: AppOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  callId: string,
): Promise<FastifyReply> {
  const retry = (why: string) => {
    reply.header('retry-after', '1');
    return refuse(reply, 503, `${why} (nothing was applied; retry)`);
  };
  if (request.headers[FORWARDED] !== undefined) return retry('this process no longer owns the call');
  const owner = await options.service.store.ownership?.ownerUrl({ source: 'generic', callId });
  if (owner === null || owner === undefined) return retry('no process owns this call right now');
  const headers: Record<string, string> = { [FORWARDED]: '1' };
  for (const name of ['authorization', 'content-type', 'idempotency-key'])
    if (typeof request.headers[name] === 'string') headers[name] = request.headers[name];
  let response: Response;
  try {
    response = await fetch(new URL(request.url, owner), {
      method: 'POST',
      headers,
      body: (request.body as ReceivedBody | undefined)?.raw ?? '',
      signal: AbortSignal.timeout(OWNER_TIMEOUT_MS),
    });
  } catch {
    return retry("the call's owner could not be reached");
  }
  const text = await response.text();
  return reply
    .code(response.status)
    .type(response.headers.get('content-type') ?? 'application/json')
    .send(text);
}
