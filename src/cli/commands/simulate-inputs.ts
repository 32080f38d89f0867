// Reads what `call-lifecycle simulate` is given (options and files); a mistake is a one-line UsageError.
import { formatInputError } from '../../../machines/result.js';
import { DEFAULT_PROFILE } from '../../simulator/default-profile.js';
import { parseNumberList } from '../../simulator/numbers.js';
import { parseProfile, type Profile } from '../../simulator/profile.js';
import { UsageError, type CliIO } from '../command.js';
import { readJsonInput, readTextInput } from '../read-input.js';

/** Parses a whole-number option; anything else is a one-line usage error naming the option. */
export function wholeOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value.replace(/_/g, '')) ? Number(value.replace(/_/g, '')) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`simulate: --${name}: expected a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
}

export async function readProfile(file: string | undefined, io: CliIO): Promise<Profile> {
  if (file === undefined) return DEFAULT_PROFILE;
  const parsed = parseProfile(await readJsonInput(file, io), DEFAULT_PROFILE);
  if (!parsed.ok) throw new UsageError(`simulate: --profile ${file}: ${formatInputError(parsed.error)}`);
  return parsed.value;
}

export async function readNumbers(file: string | undefined, option: string, io: CliIO): Promise<string[] | undefined> {
  if (file === undefined) return undefined;
  const parsed = parseNumberList(await readTextInput(file, io), file === '-' ? 'standard input' : file);
  if (!parsed.ok) throw new UsageError(`simulate: --${option} ${formatInputError(parsed.error)}`);
  return parsed.value;
}

/** Seeds are text; a seed written as a plain integer is shown (and reported) as that number. */
export function seedValue(text: string): string | number {
  return /^-?\d{1,15}$/.test(text) && String(Number(text)) === text ? Number(text) : text;
}
