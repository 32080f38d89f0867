import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseJsonText, stripBom } from '../input/index.js';
import { UsageError, type CliIO } from './command.js';

/** How a file is named in messages: its path, or "standard input" for `-`. */
export function inputName(file: string): string {
  return file === '-' ? 'standard input' : file;
}

/**
 * Reads a whole file (or standard input for `-`) as text, without a leading BOM; an unreadable
 * file is a `UsageError`.
 */
export async function readTextInput(file: string, io: CliIO): Promise<string> {
  if (file === '-') return stripBom(await io.readStdin());
  try {
    return stripBom(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new UsageError(`cannot read ${inputName(file)}: ${reason}`);
  }
}

/**
 * Reads and parses a JSON file (or standard input for `-`): malformed JSON, or JSON nested deeper
 * than `MAX_JSON_DEPTH`, is a one-line `UsageError`.
 */
export async function readJsonInput(file: string, io: CliIO): Promise<unknown> {
  const parsed = parseJsonText(await readTextInput(file, io));
  if (!parsed.ok) throw new UsageError(`${inputName(file)} is not valid JSON: ${parsed.error.message}`);
  return parsed.value;
}
