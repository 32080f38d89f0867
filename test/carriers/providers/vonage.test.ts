import { describe, expect, it } from 'vitest';
import { vonage } from '../../../src/carriers/providers/vonage.js';
import { checkRows, mapped, same, type Expected } from './support.js';

// From Vonage's webhook reference and call-status pages, and the policies.
const EXPECTED: Expected = {
  'status=started': same(),
  'status=ringing': same('carrier.ringing'),
  'status=answered': same('carrier.answered'),
  'status=human': same('amd.human'),
  'status=machine': same('amd.machine'),
  'status=completed': { before: ['carrier.answered', 'recipient.hangup'], after: ['recipient.hangup'] },
  'status=disconnected': same(),
  'status=busy': same('carrier.busy'),
  'status=cancelled': same('platform.abort'),
  'status=failed': same('carrier.failed'),
  'status=rejected': same('carrier.rejected'),
  'status=timeout': same('carrier.noAnswer'),
  'status=unanswered': same('carrier.noAnswer'),
  'detail=invalid_number': same('carrier.unallocated'),
  'detail=number_out_of_service': same('carrier.unallocated'),
  'detail=declined': same('carrier.rejected'),
  'detail=restricted': same('carrier.failed'),
  'detail=cannot_route': same('carrier.failed'),
  'detail=internal_error': same('carrier.failed'),
  'detail=carrier_timeout': same('carrier.failed'),
  'detail=unavailable': same('carrier.noAnswer'),
  // The reference's record, input and transfer events; sub_state from the Java SDK's MachineDetectionStatus.
  'status=record': same(),
  'status=input': same(),
  'status=transfer': same(),
  'sub_state=beep_start': same('amd.machine', 'voicemail.beep'),
  'sub_state=beep_timeout': same('amd.machine', 'voicemail.beep'),
};

describe('vonage', () => {
  checkRows(vonage, EXPECTED, (field, value) =>
    field === 'detail'
      ? { uuid: 'u1', status: 'failed', detail: value }
      : field === 'sub_state'
        ? { call_uuid: 'u1', status: 'machine', sub_state: value }
        : { uuid: 'u1', status: value },
  );

  it('refines rejected and unanswered by detail too, but not busy', () => {
    expect(mapped(vonage, { uuid: 'u1', status: 'rejected', detail: 'invalid_number' }).beforePickup).toEqual([
      { type: 'carrier.unallocated' },
    ]);
    expect(mapped(vonage, { uuid: 'u1', status: 'unanswered', detail: 'unavailable' }).beforePickup).toEqual([
      { type: 'carrier.noAnswer' },
    ]);
    expect(mapped(vonage, { uuid: 'u1', status: 'busy', detail: 'declined' }).beforePickup).toEqual([
      { type: 'carrier.busy' },
    ]);
  });

  it('keeps the status when the detail is undocumented, and says so', () => {
    const mapping = mapped(vonage, { uuid: 'u1', status: 'failed', detail: 'solar_flare' });
    expect(mapping.beforePickup).toEqual([{ type: 'carrier.failed' }]);
    expect(mapping.unmapped).toEqual([{ kind: 'unmapped', provider: 'vonage', field: 'detail', value: 'solar_flare' }]);
  });

  it('reads the number without +, the ISO timestamp, and the duration of a completed call', () => {
    const mapping = mapped(vonage, {
      uuid: 'u1',
      status: 'completed',
      to: '447700900001',
      timestamp: '2026-11-27T09:00:41.000Z',
      duration: '32',
    });
    expect([mapping.to, mapping.timeMs, mapping.sequence]).toEqual([
      '+447700900001',
      Date.UTC(2026, 10, 27, 9, 0, 41),
      null,
    ]);
    expect(mapping.beforePickup[0]).toEqual({ type: 'carrier.answered', offsetMs: -32_000 });
  });
});
