// Node-only: streams campaign records to a file as JSON lines or CSV, with backpressure.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { CampaignRecord } from '../record.js';
import { RECORD_CSV_HEADER, recordToCsv, recordToJson } from '../serialize.js';
import { FileLock } from './file-lock.js';

/** The record file formats, chosen by the file's extension. */
const RECORD_FORMATS = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv' } as const;
export type RecordFormat = (typeof RECORD_FORMATS)[keyof typeof RECORD_FORMATS];

/** How many bytes of records may wait for the disk before the simulation waits for it. */
const WRITE_BUFFER_BYTES = 16 * 1024 * 1024;

/** The record format of a file name, or null when its extension is not one of RECORD_FORMATS. */
export function recordFormatOf(file: string): RecordFormat | null {
  const dot = file.lastIndexOf('.');
  const extension = dot === -1 ? '' : file.slice(dot).toLowerCase();
  return Object.hasOwn(RECORD_FORMATS, extension) ? RECORD_FORMATS[extension as keyof typeof RECORD_FORMATS] : null;
}

/** Cuts a regular file after its last newline: a record the disk took only half of disappears whole. */
async function truncateToLastLine(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const block = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - block.length);
      const { bytesRead } = await handle.read(block, 0, end - start, start);
      const newline = block.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (newline !== -1) return await handle.truncate(start + newline + 1);
      end = start;
    }
    await handle.truncate(0);
  } finally {
    await handle.close();
  }
}

/**
 * Writes records batch by batch; `write` waits while the file lags behind, so a fast simulation
 * never piles records up in memory. A regular file is locked for this writer alone (`FileLock`).
 * When the file cannot take more (disk full, a closed pipe), `write` or `close` rejects with the
 * system's error, and a regular file is cut back to its last whole record first.
 *
 * @example
 * const writer = await RecordWriter.open('calls.jsonl', 'jsonl');
 * await writer.writeBytes(batch.bytes); // a CampaignBatch simulated with format 'jsonl'
 * await writer.close();
 */
export class RecordWriter {
  private failure: Error | null = null;
  private settled = false;

  private constructor(
    private readonly path: string,
    private readonly stream: WriteStream,
    private readonly lock: FileLock | null,
    readonly format: RecordFormat,
  ) {
    stream.on('error', (error) => this.noteFailure(error));
  }

  /** Whether the records go to a regular file (locked, and cut to whole records on a failure). */
  get isFile(): boolean {
    return this.lock !== null;
  }

  static async open(path: string, format: RecordFormat): Promise<RecordWriter> {
    // Devices and pipes (/dev/stdout, a FIFO) are written as they are: only files can be locked and cut.
    const existing = await stat(path).catch(() => null);
    const lock = existing === null || existing.isFile() ? await FileLock.acquire(path) : null;
    // A few batches may wait for the disk while the next ones are simulated: waiting for every
    // batch to reach the file left the main thread idle a third of the time. Still bounded.
    const stream = createWriteStream(path, { highWaterMark: WRITE_BUFFER_BYTES });
    try {
      await once(stream, 'open');
    } catch (error) {
      await lock?.release();
      throw error;
    }
    const writer = new RecordWriter(path, stream, lock, format);
    if (format === 'csv') stream.write(RECORD_CSV_HEADER);
    return writer;
  }

  /** Writes records already serialized in this writer's format (a `CampaignBatch`'s bytes). */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.send(bytes);
  }

  async write(batch: readonly CampaignRecord[]): Promise<void> {
    const serialize = this.format === 'jsonl' ? recordToJson : recordToCsv;
    let text = '';
    for (let i = 0; i < batch.length; i++) text += `${serialize(batch[i] as CampaignRecord)}\n`;
    await this.send(text);
  }

  /** Flushes everything written and closes the file (the lock goes with it). */
  async close(): Promise<void> {
    if (this.failure === null && !this.stream.destroyed) {
      this.stream.end();
      await once(this.stream, 'finish').catch((error: Error) => this.noteFailure(error));
    }
    await this.settle();
  }

  private async send(chunk: Uint8Array | string): Promise<void> {
    if (this.failure === null && chunk.length > 0 && !this.stream.write(chunk))
      await once(this.stream, 'drain').catch((error: Error) => this.noteFailure(error));
    if (this.failure !== null) await this.settle();
  }

  private noteFailure(error: Error): void {
    this.failure ??= error;
  }

  /** Closes the file; after a failure, cuts it to whole records and rethrows the failure. */
  private async settle(): Promise<void> {
    const failure = this.failure;
    if (this.settled) {
      if (failure !== null) throw failure;
      return;
    }
    this.settled = true;
    if (failure !== null) {
      this.stream.destroy();
      if (this.lock !== null) await truncateToLastLine(this.path).catch(() => undefined);
    }
    await this.lock?.release();
    if (failure !== null) throw failure;
  }
}
