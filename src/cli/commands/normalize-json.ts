import type { NormalizedRecord } from '../../carriers/replay.js';
import { type ByteWriter, CLOSE_BRACE, NEWLINE } from '../../simulator/bytes.js';
import { writeCallRecordFields } from '../../simulator/json-bytes.js';

/**
 * One `normalize` record as a JSON line, exactly `JSON.stringify(record)` and a newline
 * (test/cli/normalize-json.test.ts): the call record's fields through the simulator's byte writer,
 * then the provider's three. Stringifying each record made strings the garbage collector then
 * swept (issue 10's bench); bytes go into one reused buffer.
 *
 * The fast path assumes the engine's key order (`CALL_RECORD_FIELDS`, then `provider`, `unmapped`,
 * `policies`, as `replayCall` adds them); anything it cannot write exactly goes through
 * `JSON.stringify` whole.
 */
export function writeNormalizedRecord(out: ByteWriter, record: NormalizedRecord): void {
  out.ascii('{');
  if (!writeCallRecordFields(out, record)) {
    out.length--;
    out.utf8(JSON.stringify(record));
    out.byte(NEWLINE);
    return;
  }
  out.ascii(',"provider":');
  out.jsonString(record.provider);
  out.ascii(',"unmapped":');
  // Provider values of any shape, and rare: the standard serializer is exact.
  if (record.unmapped.length === 0) out.ascii('[]');
  else out.utf8(JSON.stringify(record.unmapped));
  out.ascii(',"policies":[');
  const { policies } = record;
  for (let i = 0; i < policies.length; i++) {
    if (i > 0) out.ascii(',');
    out.jsonString(policies[i] as string);
  }
  out.ascii(']');
  out.byte(CLOSE_BRACE);
  out.byte(NEWLINE);
}
