import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app.js';

/** `/healthz` (the process answers), `/readyz` (the store takes writes), `/metrics` (Prometheus text). */
export function opsRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await options.service.store.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ ready });
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(options.metrics.render(options.service.liveCalls)),
  );
}
