// Node-only: the files a command writes, checked before any work starts and written so that a
// failure names the file and the reason, and never leaves half a file behind.
import { constants } from 'node:fs';
import { access, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError, type CliIO } from './command.js';

/** Exit code when an output could not be written in full (disk full, a closed pipe, an I/O error). */
export const EXIT_WRITE_FAILED = 4;

/** A file a command reads or writes, with the option that named it (for messages). */
export interface NamedFile {
  readonly option: string;
  readonly file: string;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such directory',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'is a directory',
  EPIPE: 'the reader closed the pipe',
  EIO: 'input/output error',
  EBADF: 'bad file descriptor',
};

/** A write failure as words and code, e.g. `no space left on device (ENOSPC)`. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : 'error';
  const words = Object.hasOwn(REASONS, code) ? REASONS[code] : undefined;
  return words === undefined ? code : `${words} (${code})`;
}

/** An output that failed while being written: the CLI prints `message` and exits `EXIT_WRITE_FAILED`. */
export class OutputError extends UsageError {
  constructor(option: string, file: string, error: unknown) {
    super(`cannot write ${option} ${file}: ${writeFailureReason(error)}`, EXIT_WRITE_FAILED);
  }
}

/** The identity of a path: device and inode when it exists, else its real directory and name. */
async function identity(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    const directory = await realpath(dirname(path)).catch(() => dirname(path));
    return join(directory, basename(path));
  }
}

/** Whether `path` could be created or overwritten: refuses a directory, a missing or read-only parent. */
async function writableReason(path: string): Promise<string | null> {
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) return 'is a directory';
  try {
    if (existing !== null) await access(path, constants.W_OK);
    else {
      const parent = await stat(dirname(path)).catch(() => null);
      if (parent === null) return 'no such directory';
      if (!parent.isDirectory()) return 'a parent is not a directory';
      await access(dirname(path), constants.W_OK);
    }
  } catch (error) {
    // access() says EROFS on a read-only mount even to root, who passes every permission check.
    return writeFailureReason(error);
  }
  return null;
}

/**
 * Checks a command's outputs before it starts: each must be writable where it is, none may be
 * one of the inputs (it would be overwritten while read) or another output. A problem is a
 * one-line `UsageError` naming both options.
 *
 * @example
 * await checkOutputs([{ option: '--records', file: 'calls.csv' }, { option: '--report', file: 'calls.csv' }], [], io);
 * // → throws "--report calls.csv is also --records: give each output its own file"
 */
export async function checkOutputs(
  command: string,
  outputs: readonly NamedFile[],
  inputs: readonly NamedFile[],
  io: CliIO,
): Promise<void> {
  const seen = new Map<string, NamedFile>();
  for (const input of inputs) if (input.file !== '-') seen.set(await identity(resolve(io.cwd, input.file)), input);
  for (const output of outputs) {
    const path = resolve(io.cwd, output.file);
    const id = await identity(path);
    const clash = seen.get(id);
    if (clash !== undefined) {
      const role = inputs.includes(clash) ? 'an input' : 'another output';
      throw new UsageError(
        `${command}: ${output.option} ${output.file} is also ${clash.option} (${role}): give each output its own file`,
      );
    }
    seen.set(id, output);
    const reason = await writableReason(path);
    if (reason !== null) throw new UsageError(`${command}: cannot write ${output.option} ${output.file}: ${reason}`);
  }
}

/**
 * Writes a whole file or nothing: a regular file is written beside the target and renamed over it,
 * so a full disk leaves the old file (or none), never half of the new one. A device or a pipe
 * (/dev/stdout, a FIFO) is written in place.
 */
export async function writeWholeFile(option: string, file: string, io: CliIO, text: string): Promise<void> {
  const path = resolve(io.cwd, file);
  const existing = await stat(path).catch(() => null);
  const inPlace = existing !== null && !existing.isFile();
  const target = inPlace ? path : join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    const handle = await open(target, 'w');
    try {
      await handle.writeFile(text);
      if (!inPlace) await handle.sync();
    } finally {
      await handle.close();
    }
    if (!inPlace) await rename(target, path);
  } catch (error) {
    if (!inPlace) await unlink(target).catch(() => undefined);
    throw new OutputError(option, file, error);
  }
}
