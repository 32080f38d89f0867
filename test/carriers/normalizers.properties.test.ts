import { fc, test as property } from '../support/property.js';
import { describe, expect } from 'vitest';
import { PROVIDERS, PROVIDER_NAMES } from '../../src/carriers/providers/index.js';
import { replayProviderLog } from '../../src/carriers/replay.js';
import { MESSAGES, shapedPayload } from './support.js';

describe('normalizers', () => {
  for (const name of PROVIDER_NAMES) {
    property.prop([fc.oneof(fc.anything(), fc.jsonValue())])(`${name} never throws on arbitrary values`, (payload) => {
      const result = PROVIDERS[name].normalize(payload);
      expect(typeof result.ok).toBe('boolean');
    });

    property.prop([shapedPayload(name)])(
      `${name} reads any shaped callback into events or unmapped values, never a throw`,
      (payload) => {
        const result = PROVIDERS[name].normalize(payload);
        expect(result.ok).toBe(true);
        if (result.ok)
          for (const item of result.value.unmapped) expect(item).toMatchObject({ kind: 'unmapped', provider: name });
      },
    );

    property.prop([fc.array(fc.oneof(shapedPayload(name), fc.jsonValue()), { maxLength: 8 })], { numRuns: 50 })(
      `replaying any ${name} log gives one result per call id, never a throw`,
      (log) => {
        const result = replayProviderLog(name, log, { messages: MESSAGES, to: '+33612345678' });
        const ids = new Set(result.calls.map((call) => call.callId));
        expect(ids.size).toBe(result.calls.length);
        expect(result.calls.length + result.rejected.length).toBeLessThanOrEqual(log.length);
      },
    );
  }
});
