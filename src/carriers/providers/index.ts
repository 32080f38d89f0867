import { asterisk } from './asterisk.js';
import { freeswitch } from './freeswitch.js';
import { plivo } from './plivo.js';
import { telnyx } from './telnyx.js';
import { twilio } from './twilio.js';
import type { Provider, ProviderName } from './types.js';
import { vonage } from './vonage.js';

/**
 * Every provider vocabulary, by name.
 *
 * @example
 * PROVIDERS.twilio.normalize({ CallSid: 'CA1', CallStatus: 'ringing' }); // → { ok: true, value: { beforePickup: [{ type: 'carrier.ringing' }], … } }
 */
export const PROVIDERS: Readonly<Record<ProviderName, Provider>> = {
  twilio,
  vonage,
  telnyx,
  plivo,
  asterisk,
  freeswitch,
};

export { PROVIDER_NAMES } from './types.js';
export type {
  CallbackError,
  CallbackMapping,
  MappedEvent,
  Provider,
  ProviderName,
  ProviderRow,
  Unmapped,
} from './types.js';
