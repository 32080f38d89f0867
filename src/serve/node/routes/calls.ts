import type { FastifyInstance } from 'fastify';
import { formatInputError } from '../../../../machines/result.js';
import { SOURCE_NAMES, type SourceName } from '../../store/types.js';
import { type AppOptions, type ReceivedBody, denied, refuse } from '../app.js';
import { callDiagram } from '../diagram.js';
import { passToOwner } from './to-owner.js';

function sourceOf(query: unknown): SourceName | undefined | null {
  const source = (query as { source?: unknown }).source;
  if (source === undefined) return undefined;
  return (SOURCE_NAMES as readonly unknown[]).includes(source) ? (source as SourceName) : null;
}

/**
 * The generic API for simulators (`POST /calls`, `POST /calls/{id}/events`, bearer token) and the
 * view of one call (`GET /calls/{id}`, `GET /calls/{id}/diagram.svg`).
 */
export function callRoutes(app: FastifyInstance, options: AppOptions): void {
  app.post('/calls', async (request, reply) => {
    const refusal = denied(options, request, reply, 'generic');
    if (refusal !== null) return refusal;
    const body = request.body as ReceivedBody | undefined;
    const callId = (body?.value as { callId?: unknown } | null | undefined)?.callId;
    if (typeof callId === 'string' && !options.service.owns({ source: 'generic', callId }))
      return passToOwner(options, request, reply, callId);
    const result = await options.service.createCall(body?.value);
    if (!result.ok) return refuse(reply, 400, formatInputError(result.error));
    options.metrics.callbacks.inc({ source: 'generic', result: result.value.duplicate ? 'duplicate' : 'stored' });
    return reply.code(result.value.duplicate ? 200 : 201).send(result.value);
  });

  app.post<{ Params: { id: string } }>('/calls/:id/events', async (request, reply) => {
    const refusal = denied(options, request, reply, 'generic');
    if (refusal !== null) return refusal;
    if (!options.service.owns({ source: 'generic', callId: request.params.id }))
      return passToOwner(options, request, reply, request.params.id);
    const body = request.body as ReceivedBody | undefined;
    const key = request.headers['idempotency-key'];
    const result = await options.service.sendEvent(
      request.params.id,
      body?.value,
      typeof key === 'string' ? key : null,
    );
    if (result === null) return refuse(reply, 404, `no such call: ${request.params.id}`);
    if (!result.ok) return refuse(reply, 400, formatInputError(result.error));
    const { duplicate, late } = result.value;
    options.metrics.callbacks.inc({ source: 'generic', result: duplicate ? 'duplicate' : late ? 'late' : 'stored' });
    return reply.code(200).send(result.value);
  });

  app.get<{ Params: { id: string } }>('/calls/:id', async (request, reply) => {
    const refusal = denied(options, request, reply, 'read');
    if (refusal !== null) return refusal;
    const source = sourceOf(request.query);
    if (source === null) return refuse(reply, 400, `source: expected one of ${SOURCE_NAMES.join(', ')}`);
    const view = await options.service.view(request.params.id, source);
    return view === null ? refuse(reply, 404, `no such call: ${request.params.id}`) : reply.send(view);
  });

  app.get<{ Params: { id: string } }>('/calls/:id/diagram.svg', async (request, reply) => {
    const refusal = denied(options, request, reply, 'read');
    if (refusal !== null) return refusal;
    const source = sourceOf(request.query);
    if (source === null) return refuse(reply, 400, `source: expected one of ${SOURCE_NAMES.join(', ')}`);
    const view = await options.service.view(request.params.id, source);
    if (view === null) return refuse(reply, 404, `no such call: ${request.params.id}`);
    return reply.type('image/svg+xml').send(await callDiagram(view));
  });
}
