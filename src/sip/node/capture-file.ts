// Node-only: a capture file (or standard input) as a stream of byte chunks.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';

/** Chunks of 1 MiB: fewer joins of a record split across chunks, still a flat memory. */
const CHUNK_BYTES = 1024 * 1024;

/** Why a capture file cannot be read, in a few words. */
export class CaptureFileError extends Error {
  override readonly name = 'CaptureFileError';
}

/**
 * The bytes of `file` (resolved against `cwd`), or of standard input for `-`, chunk by chunk. An
 * unreadable file throws `CaptureFileError` when iterated.
 *
 * @example
 * for await (const chunk of captureChunks('calls.pcapng', process.cwd())) reader.push(chunk);
 */
export async function* captureChunks(file: string, cwd: string): AsyncGenerator<Uint8Array> {
  const stream = file === '-' ? process.stdin : createReadStream(resolve(cwd, file), { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new CaptureFileError(`cannot read ${file}: ${reason}`);
  }
}
