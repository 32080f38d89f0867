import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, type CliIO } from './command.js';

/** Reads a whole file (or standard input for `-`) as text; an unreadable file is a `UsageError`. */
export async function readTextInput(file: string, io: CliIO): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

/** Reads and parses a JSON file (or standard input for `-`); malformed JSON is a `UsageError`. */
export async function readJsonInput(file: string, io: CliIO): Promise<unknown> {
  const text = await readTextInput(file, io);
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'malformed';
    throw new UsageError(`${file === '-' ? 'standard input' : file} is not valid JSON: ${reason}`);
  }
}
