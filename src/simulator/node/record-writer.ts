// Node-only: streams campaign records to a file as JSON lines or CSV, with backpressure.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { RECORD_CSV_HEADER } from '../serialize.js';

/** The record file formats, chosen by the file's extension. */
const RECORD_FORMATS = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv' } as const;
export type RecordFormat = (typeof RECORD_FORMATS)[keyof typeof RECORD_FORMATS];

/** How many bytes of records may wait for the disk before the simulation waits for it. */
const WRITE_BUFFER_BYTES = 16 * 1024 * 1024;

/** The record format of a file name, or null when its extension is not one of RECORD_FORMATS. */
export function recordFormatOf(file: string): RecordFormat | null {
  const dot = file.lastIndexOf('.');
  const extension = dot === -1 ? '' : file.slice(dot).toLowerCase();
  return (RECORD_FORMATS as Record<string, RecordFormat>)[extension] ?? null;
}

/**
 * Writes records batch by batch; `writeBytes` waits while the file lags behind, so a fast
 * simulation never piles records up in memory.
 *
 * @example
 * const writer = await RecordWriter.open('calls.jsonl', 'jsonl');
 * await writer.writeBytes(batch.bytes); // a CampaignBatch simulated with format 'jsonl'
 * await writer.close();
 */
export class RecordWriter {
  private constructor(
    private readonly stream: WriteStream,
    readonly format: RecordFormat,
  ) {}

  static async open(path: string, format: RecordFormat): Promise<RecordWriter> {
    // A few batches may wait for the disk while the next ones are simulated: waiting for every
    // batch to reach the file left the main thread idle a third of the time. Still bounded.
    const stream = createWriteStream(path, { highWaterMark: WRITE_BUFFER_BYTES });
    await once(stream, 'open');
    const writer = new RecordWriter(stream, format);
    if (format === 'csv') stream.write(RECORD_CSV_HEADER);
    return writer;
  }

  /** Writes records already serialized in this writer's format (a `CampaignBatch`'s bytes). */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    if (bytes.length > 0 && !this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  /** Flushes everything written and closes the file. */
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
