import type { FastifyInstance } from 'fastify';
import { PROVIDER_NAMES, type ProviderName } from '../../../carriers/providers/types.js';
import { formatInputError } from '../../../../machines/result.js';
import { type AppOptions, type ReceivedBody, denied, refuse } from '../app.js';

/**
 * `POST /webhooks/{provider}`: a provider's callback, signed as the provider documents it, read by
 * `readCallback` (as `normalize` reads it), stored (durably) before the 2xx. A second delivery of
 * the same provider event is acknowledged and changes nothing. A webhook the provider documents but
 * that names no call (Vonage's record and error webhooks carry only the conversation) is
 * acknowledged with what it is, and stored nowhere: refusing it would only make the provider
 * retry it, and `normalize` reports the same body as unmapped rather than malformed.
 */
export function webhookRoutes(app: FastifyInstance, options: AppOptions): void {
  app.post<{ Params: { provider: string } }>('/webhooks/:provider', async (request, reply) => {
    const provider = request.params.provider;
    if (!(PROVIDER_NAMES as readonly string[]).includes(provider))
      return refuse(reply, 404, `no such provider: ${provider} (accepted: ${PROVIDER_NAMES.join(', ')})`);
    const source = provider as ProviderName;
    const refusal = denied(options, request, reply, source);
    if (refusal !== null) {
      options.metrics.callbacks.inc({ source, result: 'refused' });
      return refusal;
    }
    const body = request.body as ReceivedBody | undefined;
    if (body === undefined) return refuse(reply, 400, 'empty body: expected the provider callback');
    const result = await options.service.acceptProvider(source, body.value);
    if (!result.ok && result.error.unmapped !== undefined) {
      options.metrics.callbacks.inc({ source, result: 'unmapped' });
      return reply.code(200).send({ stored: false, unmapped: result.error.unmapped, message: result.error.message });
    }
    if (!result.ok) {
      options.metrics.callbacks.inc({ source, result: 'malformed' });
      return refuse(reply, 400, `${source}: ${formatInputError(result.error)}`);
    }
    const { duplicate, late } = result.value;
    options.metrics.callbacks.inc({ source, result: duplicate ? 'duplicate' : late ? 'late' : 'stored' });
    return reply.code(200).send(result.value);
  });
}
