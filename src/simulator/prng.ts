/**
 * Counter-based randomness: every draw is a hash of (seed, call index, draw number), so a call's
 * random numbers depend on nothing but those three, not on which worker simulates it or in which
 * order. Hashing with 32-bit integer maths (`Math.imul`) gives the same bits on every JavaScript
 * engine.
 */

/** Murmur3's 32-bit finalizer: a cheap, well-mixing bijection on 32-bit integers. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Turns a campaign seed (any string or number) into 32 bits: FNV-1a over its text, then mixed.
 *
 * @example
 * seedHash('42') === seedHash(42); // → true: the seed is read as text
 */
export function seedHash(seed: string | number): number {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

const GOLDEN = 0x9e3779b9;
const TWO_POW_32 = 4294967296;

/**
 * The random numbers of one call: a stream keyed by (seed hash, index), read one draw at a time.
 * `stream` separates independent uses of the same call index (the call's script, its phone number).
 *
 * @example
 * const random = new CallRandom(seedHash('demo'), 7);
 * random.next(); // → a number in [0, 1), always the same for seed "demo", call 7, first draw
 */
export class CallRandom {
  private readonly key: number;
  private counter = 0;

  constructor(seed: number, index: number, stream = 0) {
    this.key = mix32(mix32(seed ^ Math.imul(index + 1, GOLDEN)) ^ Math.imul(stream + 1, 0x7feb352d));
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    this.counter++;
    return mix32(this.key + Math.imul(this.counter, GOLDEN)) / TWO_POW_32;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A whole number in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
}
