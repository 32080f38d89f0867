import { fc, test } from '../../../support/property.js';
import { expect, it } from 'vitest';
import { partitionOf } from '../../../../src/serve/store/postgres/partition.js';

// Test vectors of FNV-1a 32-bit from the FNV reference page (http://www.isthe.com/chongo/tech/comp/fnv/,
// "FNV test vectors"): modulo 2^32 the partition is the hash itself.
it('is FNV-1a of the UTF-8 bytes, as published', () => {
  expect(partitionOf('', 2 ** 32)).toBe(0x811c9dc5);
  expect(partitionOf('a', 2 ** 32)).toBe(0xe40c292c);
  expect(partitionOf('foobar', 2 ** 32)).toBe(0xbf9cf968);
});

test.prop([fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 4096 })])(
  'every call id falls in one partition in [0, partitions)',
  (callId, partitions) => {
    const partition = partitionOf(callId, partitions);
    expect(Number.isInteger(partition) && partition >= 0 && partition < partitions).toBe(true);
  },
);
