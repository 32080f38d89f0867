import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import {
  escapeControl,
  isTooDeep,
  MAX_JSON_DEPTH,
  ownField,
  parseJsonText,
  plainRecord,
  stripBom,
  tooDeepAt,
  unknownKey,
} from '../../src/input/index.js';
import { describeValue } from '../../machines/result.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

function deepValue(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('parseJsonText', () => {
  it('accepts a leading BOM, as RFC 8259 §8.1 allows', () => {
    expect(parseJsonText('\uFEFF{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
  });

  it('accepts nesting up to the limit and refuses one level more, with one line', () => {
    expect(parseJsonText(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(parseJsonText(nested(MAX_JSON_DEPTH + 1))).toEqual({
      ok: false,
      error: { path: '', message: 'arrays and objects nested deeper than 64 levels (at character 65)' },
    });
  });

  it('refuses 100,000 levels without overflowing the stack', () => {
    const result = parseJsonText(`{"a":${nested(100_000)}}`);
    expect(result.ok).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(parseJsonText(JSON.stringify({ text: `\\"${'['.repeat(500)}` })).ok).toBe(true);
  });

  it('keeps __proto__ as an own data key', () => {
    const result = parseJsonText('{"__proto__": {"polluted": true}}');
    expect(result.ok && ownField(result.value as object, '__proto__')).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a syntax error on one line with control characters escaped', () => {
    const result = parseJsonText('{"a": \u001b[31m}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toContain('\u001b');
  });

  test.prop([fc.string({ unit: 'binary' })])(
    'never throws and never returns a message with a control character',
    (text) => {
      const result = parseJsonText(text);
      if (!result.ok) expect(escapeControl(result.error.message)).toBe(result.error.message);
    },
  );

  test.prop([fc.jsonValue({ maxDepth: 8 })])('parses what JSON.stringify writes, with or without a BOM', (value) => {
    const text = JSON.stringify(value);
    expect(parseJsonText(text)).toEqual({ ok: true, value: JSON.parse(text) });
    expect(parseJsonText(`\uFEFF${text}`)).toEqual({ ok: true, value: JSON.parse(text) });
  });
});

describe('tooDeepAt and isTooDeep agree', () => {
  test.prop([fc.integer({ min: 0, max: 200 })])('on nested arrays of any depth', (depth) => {
    const tooDeep = depth > MAX_JSON_DEPTH;
    expect(tooDeepAt(nested(depth)) !== -1).toBe(tooDeep);
    expect(isTooDeep(deepValue(depth))).toBe(tooDeep);
  });
});

describe('describeValue', () => {
  it('describes a value too deep to stringify, without throwing', () => {
    expect(describeValue(deepValue(10_000))).toBe('[[[…]]] (nested too deep)');
  });

  it('escapes control characters so an echoed value stays on one line', () => {
    expect(describeValue('a\u001b[2Jb\u0085')).toBe('"a\\u001b[2Jb\\u0085"');
  });
});

describe('keys', () => {
  it('reads only own fields: constructor and toString are not there', () => {
    expect(ownField({}, 'constructor')).toBeUndefined();
    expect(ownField({}, 'toString')).toBeUndefined();
    expect(ownField(JSON.parse('{"constructor":3}'), 'constructor')).toBe(3);
  });

  it('names the first unknown key, prototype names included', () => {
    expect(unknownKey(JSON.parse('{"a":1,"__proto__":2}'), ['a'])).toBe('__proto__');
    expect(unknownKey({ a: 1 }, ['a'])).toBeUndefined();
  });

  it('makes records whose __proto__ is a plain key', () => {
    const record = plainRecord<number>([['__proto__', 1]]);
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.keys(record)).toEqual(['__proto__']);
  });
});

describe('text', () => {
  it('strips one leading BOM only', () => {
    expect(stripBom('\uFEFF\uFEFFx')).toBe('\uFEFFx');
    expect(stripBom('x\uFEFF')).toBe('x\uFEFF');
  });

  it('escapes C0, DEL, C1 and the Unicode line separators', () => {
    expect(escapeControl('\u0000\n\u007f\u009b\u2028ok')).toBe('\\u0000\\u000a\\u007f\\u009b\\u2028ok');
  });
});
