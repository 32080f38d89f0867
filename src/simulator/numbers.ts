import { describeValue, fail, ok, type Result } from '../../machines/result.js';

const E164 = /^\+[1-9]\d{1,14}$/;

/** Header names taken as the phone number column of a CSV file (case-insensitive). */
export const NUMBER_COLUMNS = [
  'number',
  'phone',
  'phone_number',
  'phonenumber',
  'to',
  'msisdn',
  'tel',
  'telephone',
  'mobile',
  'e164',
] as const;

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).replace(/""/g, '"').trim()
    : trimmed;
}

/** Splits a CSV line on `delimiter`, outside double quotes. */
function splitCsv(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    if (char === delimiter && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields.map(unquote);
}

function isHeader(line: string): boolean {
  return !line.trim().startsWith('+') && /[a-z]/i.test(line);
}

/**
 * Reads a list of phone numbers: a CSV file whose header names a number column (number, phone,
 * to, msisdn, …; `,` `;` or tab separated), or one E.164 number per line. Blank lines and lines
 * starting with `#` are skipped. The error names the file and line, e.g.
 * `numbers.csv:4: expected an E.164 number such as "+33612345678", got "06 12 34 56 78"`.
 *
 * @example
 * parseNumberList('phone,name\n+33612345678,Ada\n', 'list.csv'); // → { ok: true, value: ['+33612345678'] }
 */
export function parseNumberList(text: string, source: string): Result<string[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const numbers: string[] = [];
  let column = 0;
  let delimiter: string | null = null;
  let headerSeen = false;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const where = `${source}:${i + 1}`;
    if (line === '' || line.startsWith('#')) continue;
    if (!headerSeen && numbers.length === 0 && isHeader(line)) {
      headerSeen = true;
      delimiter = [',', ';', '\t'].find((d) => line.includes(d)) ?? ',';
      const names = splitCsv(line, delimiter).map((name) => name.toLowerCase());
      column = names.findIndex((name) => (NUMBER_COLUMNS as readonly string[]).includes(name));
      if (column === -1) {
        return fail(
          where,
          `no phone number column in the header ${describeValue(names.join(delimiter))} (accepted names: ${NUMBER_COLUMNS.join(', ')}), or give one E.164 number per line`,
        );
      }
      continue;
    }
    const value = delimiter === null ? line : splitCsv(line, delimiter)[column];
    if (value === undefined || !E164.test(value)) {
      return fail(
        where,
        `expected an E.164 number such as "+33612345678" (a +, then 2 to 15 digits), got ${describeValue(value ?? '')}`,
      );
    }
    numbers.push(value);
  }
  if (numbers.length === 0)
    return fail(
      source,
      'no phone numbers in the list (expected one E.164 number per line, or a CSV file with a number column)',
    );
  return ok(numbers);
}
