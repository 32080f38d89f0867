/**
 * The partition a call belongs to: FNV-1a (32-bit) of the call id's UTF-8 bytes, modulo the
 * number of partitions. Every process must compute the same value for the same id, so this is a
 * fixed, documented hash (http://www.isthe.com/chongo/tech/comp/fnv/), not a runtime's own.
 */
export function partitionOf(callId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(callId)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
