import { describe, expect, it } from 'vitest';
import { formatInputError } from '../../machines/result.js';
import { parseNumberList } from '../../src/simulator/numbers.js';

function numbers(text: string): string[] {
  const parsed = parseNumberList(text, 'list.csv');
  if (!parsed.ok) throw new Error(formatInputError(parsed.error));
  return parsed.value;
}

function error(text: string): string {
  const parsed = parseNumberList(text, 'list.csv');
  if (parsed.ok) throw new Error('expected the list to be rejected');
  return formatInputError(parsed.error);
}

describe('parseNumberList', () => {
  it('reads one E.164 number per line, skipping blank lines, comments and a BOM', () => {
    expect(numbers('\uFEFF+33612345678\r\n\n# team\n+14155550100\n')).toEqual(['+33612345678', '+14155550100']);
  });

  it('reads the number column of a CSV file by its header name, whatever the separator and quoting', () => {
    expect(numbers('name,Phone,city\nAda,+33612345678,Paris\n"Lovelace, A.","+447700900123",London\n')).toEqual([
      '+33612345678',
      '+447700900123',
    ]);
    expect(numbers('id;to\n1;+33612345678\n')).toEqual(['+33612345678']);
    expect(numbers('msisdn\n+33612345678\n')).toEqual(['+33612345678']);
  });

  it('names the file, the line and what is accepted', () => {
    expect(error('+33612345678\n06 12 34 56 78\n')).toMatchInlineSnapshot(
      `"list.csv:2: expected an E.164 number such as "+33612345678" (a +, then 2 to 15 digits), got "06 12 34 56 78""`,
    );
    expect(error('name,city\nAda,Paris\n')).toMatchInlineSnapshot(
      `"list.csv:1: no phone number column in the header "name,city" (accepted names: number, phone, phone_number, phonenumber, to, msisdn, tel, telephone, mobile, e164), or give one E.164 number per line"`,
    );
    expect(error('number,name\n+33612345678,Ada\n,Bob\n')).toMatchInlineSnapshot(
      `"list.csv:3: expected an E.164 number such as "+33612345678" (a +, then 2 to 15 digits), got """`,
    );
    expect(error('\n# nothing here\n')).toMatchInlineSnapshot(
      `"list.csv: no phone numbers in the list (expected one E.164 number per line, or a CSV file with a number column)"`,
    );
    expect(error('+33612345678\n+0123\n')).toMatch(/^list\.csv:2: /);
  });
});
