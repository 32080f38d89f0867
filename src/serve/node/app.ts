import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ServeMetrics } from '../metrics.js';
import type { RecordFeed } from '../record-feed.js';
import type { CallService } from '../service.js';
import type { SourceName } from '../store/types.js';
import { storeUnavailable } from '../store/unavailable.js';
import type { Access } from './auth/config.js';
import type { SignedRequest } from './auth/types.js';
import { callRoutes } from './routes/calls.js';
import { opsRoutes } from './routes/ops.js';
import { recordRoutes } from './routes/records.js';
import { webhookRoutes } from './routes/webhooks.js';

export interface AppOptions {
  readonly service: CallService;
  readonly access: Access;
  readonly metrics: ServeMetrics;
  readonly feed: RecordFeed;
  /** The base URL providers call (for signatures behind a proxy); else `http://` + the Host header. */
  readonly publicUrl: string | null;
  /** @defaultValue 65536 */
  readonly bodyLimit?: number;
  /** Whole-request deadline for slow clients, ms. @defaultValue 10000 */
  readonly requestTimeoutMs?: number;
  /** Where to write one line per server error (never a stack trace or a secret). */
  readonly log: (line: string) => void;
}

/** A body as received: its text (what signatures cover), its form fields, its value. */
export interface ReceivedBody {
  readonly raw: string;
  readonly form: readonly (readonly [string, string])[] | null;
  readonly value: unknown;
}

/** A request as the signature checks see it. */
function signedRequest(request: FastifyRequest, publicUrl: string | null, now: number): SignedRequest {
  const body = request.body as ReceivedBody | undefined;
  const base = publicUrl === null ? `http://${request.headers.host ?? 'localhost'}` : publicUrl.replace(/\/+$/, '');
  return { url: base + request.url, headers: request.headers, rawBody: body?.raw ?? '', form: body?.form ?? null, now };
}

/** Answers with a status and a one-line JSON error. */
export function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send({ error: message.split('\n')[0] });
}

/** A refusal of the access rules, or null when the request may go on. */
export function denied(
  options: AppOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  source: SourceName | 'read',
): FastifyReply | null {
  const signed = signedRequest(request, options.publicUrl, options.service.now());
  const token = (request.query as { access_token?: unknown }).access_token;
  const verdict =
    source === 'read'
      ? options.access.checkRead(signed, typeof token === 'string' ? token : null)
      : options.access.check(source, signed);
  return verdict.ok ? null : refuse(reply, verdict.status, verdict.reason);
}

function malformed(message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode: 400 });
}

/**
 * The HTTP face of `serve` on Fastify: bodies are kept as text for the signatures, then parsed;
 * every error is a status and one line (400 malformed, 401/403 refused, 404, 413 too large, 415).
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 65_536,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    return503OnClosing: true,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, raw, done) => {
    try {
      done(null, { raw: raw as string, form: null, value: JSON.parse(raw as string) } satisfies ReceivedBody);
    } catch (error) {
      done(malformed(`malformed JSON body: ${(error as Error).message}`), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, raw, done) => {
    const form = [...new URLSearchParams(raw as string)];
    done(null, { raw: raw as string, form, value: Object.fromEntries(form) } satisfies ReceivedBody);
  });
  // One JSON document per line, so `curl` output ends where a terminal expects it. A serializer,
  // not an onSend hook: a hook is one more promise for every acknowledgement.
  app.setReplySerializer((payload) => `${JSON.stringify(payload)}\n`);
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unknown';
    options.metrics.latency.observe({ route, code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  app.setNotFoundHandler((request, reply) =>
    refuse(reply, 404, `no such route: ${request.method} ${request.url.split('?')[0]}`),
  );
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (storeUnavailable(error)) {
      // The database restarting or out of reach: nothing was stored, and a provider retries a 503.
      options.log(`call-lifecycle: serve: the store cannot be reached: ${error.message.split('\n')[0]}`);
      reply.header('retry-after', '1');
      return refuse(reply, 503, 'the store cannot be reached now (the request was not stored; retry)');
    }
    if (status >= 500) {
      options.log(`call-lifecycle: serve: internal error: ${error.message.split('\n')[0]}`);
      return refuse(reply, 500, 'internal error (the request was not stored; retry)');
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuse(reply, 413, 'body too large');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return refuse(
        reply,
        415,
        'unsupported content type (accepted: application/json, application/x-www-form-urlencoded)',
      );
    return refuse(reply, status, error.message);
  });
  webhookRoutes(app, options);
  callRoutes(app, options);
  recordRoutes(app, options);
  opsRoutes(app, options);
  return app;
}
