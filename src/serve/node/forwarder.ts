import type { RecordFeed } from '../record-feed.js';
import type { CallStore, StoredRecord } from '../store/types.js';

const CURSOR = 'forward';
/** Exponential backoff between attempts: 250 ms doubling to 30 s, with jitter so retries spread. */
export function backoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function deliver(url: string, record: StoredRecord, signal: AbortSignal, log: (line: string) => void) {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': record.callId },
        body: record.body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      });
      await response.body?.cancel();
      if (response.ok) return true;
      log(`call-lifecycle: serve: --forward: call ${record.callId}: HTTP ${response.status}; retrying`);
    } catch (error) {
      if (signal.aborted) return false;
      log(`call-lifecycle: serve: --forward: call ${record.callId}: ${(error as Error).message}; retrying`);
    }
    await sleep(backoffMs(attempt), signal);
  }
  return false;
}

/**
 * `--forward URL`: POSTs each record (its JSON line) at least once, in order, with the call id as
 * `Idempotency-Key` so the receiver can drop a repeat. Failures are retried with backoff; the
 * position of the last record delivered is saved in the store, so a restart resumes after it.
 */
export async function forwardRecords(
  url: string,
  store: CallStore,
  feed: RecordFeed,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<void> {
  const start = await store.cursor(CURSOR);
  for await (const record of feed.read(start, { follow: true, signal })) {
    if (!(await deliver(url, record, signal, log))) return;
    await store.saveCursor(CURSOR, record.seq);
  }
}
