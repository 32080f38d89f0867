import { open, readFile, truncate } from 'node:fs/promises';
import type { RecordFeed } from '../record-feed.js';
import type { StoredRecord } from '../store/types.js';

/** The call a record line is about: a provider's line names its provider; a generic record does not. */
function lineKey(line: string): string | null {
  try {
    const record = JSON.parse(line) as { callId?: unknown; provider?: unknown };
    return `${typeof record.provider === 'string' ? record.provider : 'generic'}\u0000${String(record.callId)}`;
  } catch {
    return null;
  }
}
const recordKey = (record: StoredRecord) => `${record.source}\u0000${record.callId}`;

/**
 * Reads what a records file holds, dropping a last line cut short by a crash, so that appending
 * goes on after the last whole record. Returns the calls already in it.
 */
async function recover(path: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
  const whole = text.lastIndexOf('\n') + 1;
  if (whole < text.length) await truncate(path, Buffer.byteLength(text.slice(0, whole)));
  const keys = new Set<string>();
  for (const line of text.slice(0, whole).split('\n')) {
    const key = line === '' ? null : lineKey(line);
    if (key !== null) keys.add(key);
  }
  return keys;
}

/**
 * `--records PATH`: appends every ended call's record, once. The store is the truth: on start the
 * file is reconciled with it (a record the store has and the file lacks is appended; none twice),
 * so a kill between the store's commit and the file's write loses nothing and doubles nothing.
 */
export async function followRecordsFile(path: string, feed: RecordFeed, signal: AbortSignal): Promise<void> {
  const present = await recover(path);
  const file = await open(path, 'a');
  try {
    for await (const record of feed.read(0, { follow: true, signal })) {
      if (present.delete(recordKey(record))) continue;
      await file.appendFile(`${record.body}\n`);
    }
  } finally {
    await file.close();
  }
}
