import { describe, expect, it } from 'vitest';
import { splitOutsideQuotes } from '../../src/text/split.js';

describe('splitOutsideQuotes', () => {
  it('splits a CSV line outside quotes; a doubled quote inside quotes splits nothing (RFC 4180 §2)', () => {
    expect(splitOutsideQuotes('a,"b,c",d', ',')).toEqual(['a', '"b,c"', 'd']);
    expect(splitOutsideQuotes('"say ""hi, there""",+33612345678', ',')).toEqual([
      '"say ""hi, there"""',
      '+33612345678',
    ]);
    // In CSV a backslash is an ordinary character, even inside quotes; in SIP it escapes the quote.
    expect(splitOutsideQuotes('"a\\",b', ',')).toEqual(['"a\\"', 'b']);
    expect(splitOutsideQuotes('"a\\",b', ',', true)).toEqual(['"a\\",b']);
  });

  it('with backslash escapes, a quoted-pair keeps its quote and separator as text (RFC 3261 §25.1)', () => {
    expect(splitOutsideQuotes('Q.850;cause=16;text="a \\";b"', ';', true)).toEqual([
      'Q.850',
      'cause=16',
      'text="a \\";b"',
    ]);
    // Outside quotes a backslash is an ordinary character.
    expect(splitOutsideQuotes('a\\;b', ';', true)).toEqual(['a\\', 'b']);
  });

  it('keeps empty parts at either end', () => {
    expect(splitOutsideQuotes(',a,', ',')).toEqual(['', 'a', '']);
    expect(splitOutsideQuotes('', ',')).toEqual(['']);
  });
});
