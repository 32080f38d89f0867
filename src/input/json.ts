import type { Result } from '../../machines/result.js';
import { escapeControl, MAX_JSON_DEPTH } from '../../machines/values.js';
import { stripBom } from './text.js';

/**
 * Where JSON text nests deeper than `limit` (the offset of the bracket that goes too deep), or -1.
 * One pass over the text, without recursion, skipping strings.
 */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character (an escaped quote does not end the string).
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return i;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return -1;
}

/**
 * Parses JSON text from outside: a leading BOM is ignored, nesting deeper than `MAX_JSON_DEPTH` is
 * refused, and a syntax error is one line. Never throws. The error's path is empty: callers say
 * which file or line it came from.
 *
 * @example
 * parseJsonText('\uFEFF{"a":[1]}'); // → { ok: true, value: { a: [1] } }
 * parseJsonText('[[[[…65 levels…]]]]'); // → { ok: false, error: { path: '', message: 'nested deeper than 64 levels …' } }
 */
export function parseJsonText(text: string, limit = MAX_JSON_DEPTH): Result<unknown> {
  const body = stripBom(text);
  const deep = tooDeepAt(body, limit);
  if (deep !== -1)
    return {
      ok: false,
      error: { path: '', message: `arrays and objects nested deeper than ${limit} levels (at character ${deep + 1})` },
    };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'malformed') : 'malformed';
    return { ok: false, error: { path: '', message: escapeControl(message) } };
  }
}
