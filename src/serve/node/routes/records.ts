import type { FastifyInstance } from 'fastify';
import { type AppOptions, denied, refuse } from '../app.js';

/**
 * `GET /records`: every ended call's record in the order written, as NDJSON (`?follow=true` keeps
 * the response open for new ones), or as Server-Sent Events when the client accepts
 * `text/event-stream` (each event's id is the record's position: a reconnecting EventSource sends
 * it back as Last-Event-ID and resumes after it). `?after=N` starts after position N; `?limit=N`
 * ends the response after N records (with `follow`, once N have been written).
 */
export function recordRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get('/records', async (request, reply) => {
    const refusal = denied(options, request, reply, 'read');
    if (refusal !== null) return refusal;
    const query = request.query as { after?: string; follow?: string; limit?: string };
    const lastEventId = request.headers['last-event-id'];
    const after = Number(typeof lastEventId === 'string' ? lastEventId : (query.after ?? 0));
    if (!Number.isSafeInteger(after) || after < 0)
      return refuse(
        reply,
        400,
        `after: expected a record position (a whole number), got ${query.after ?? lastEventId}`,
      );
    const limit = query.limit === undefined ? Number.POSITIVE_INFINITY : Number(query.limit);
    if (!(limit > 0) || (query.limit !== undefined && !Number.isSafeInteger(limit)))
      return refuse(reply, 400, `limit: expected a whole number of records from 1, got ${query.limit}`);
    const sse = (request.headers.accept ?? '').includes('text/event-stream');
    const follow = sse || query.follow === 'true' || query.follow === '1';
    const abort = new AbortController();
    request.raw.on('close', () => abort.abort());
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': sse ? 'text/event-stream; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      ...(sse ? { connection: 'keep-alive' } : {}),
    });
    if (sse) raw.write(': records\n\n');
    let sent = 0;
    try {
      for await (const record of options.feed.read(after, { follow, signal: abort.signal })) {
        const chunk = sse ? `id: ${record.seq}\ndata: ${record.body}\n\n` : `${record.body}\n`;
        if (!raw.write(chunk)) await new Promise((resolve) => raw.once('drain', resolve));
        if (++sent >= limit) break;
      }
    } finally {
      raw.end();
    }
  });
}
