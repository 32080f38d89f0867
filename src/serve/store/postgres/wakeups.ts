import pg from 'pg';

/** The channel on which a committed callback announces a call's wake time (append.ts, its NOTIFY payload). */
export const CALLBACK_CHANNEL = 'call_lifecycle_callbacks';

/**
 * How far ahead the heartbeat's sweep and the wake notifications look. Every live call has a wake
 * (at worst its idle deadline, a day away), so a sweep of every wake would read every live call
 * on every heartbeat; wakes further off are armed by a later sweep, once they come within this
 * window, which is long before they are due as long as a heartbeat (a third of the lease) is
 * shorter than the window. An overdue wake is always within it.
 */
export const WAKE_HORIZON_MS = 60_000;

/**
 * Listens on `call_lifecycle_callbacks` on a connection of its own (LISTEN needs one session that
 * stays open; a pooled connection would be handed to others) and calls `wake(payload)`. A notification is only a hint: it is lost if this connection is down when it
 * is sent, so after every (re)connection `wakeAll` runs and the store re-reads every partition it
 * owns; the store also polls on its heartbeat. Reconnects with capped backoff until `close`.
 */
export class Wakeups {
  readonly #url: string;
  readonly #wake: (payload: string) => void;
  readonly #wakeAll: () => void;
  readonly #onError: (error: Error) => void;
  #client: pg.Client | undefined;
  #closed = false;
  #retryMs = 100;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    url: string,
    handlers: { wake: (payload: string) => void; wakeAll: () => void },
    onError: (error: Error) => void = () => undefined,
  ) {
    this.#url = url;
    this.#wake = handlers.wake;
    this.#wakeAll = handlers.wakeAll;
    this.#onError = onError;
  }

  /** Connects and listens; resolves once the first LISTEN is in place. */
  async start(): Promise<void> {
    await this.#connect();
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#url,
      keepAlive: true,
      application_name: 'call-lifecycle-listen',
    });
    client.on('notification', (message) => {
      if (message.channel === CALLBACK_CHANNEL && message.payload !== undefined) this.#wake(message.payload);
    });
    client.on('error', (error) => {
      this.#onError(error);
      this.#reconnectLater(client);
    });
    client.on('end', () => this.#reconnectLater(client));
    this.#client = client;
    await client.connect();
    await client.query(`LISTEN ${CALLBACK_CHANNEL}`);
    this.#retryMs = 100;
    this.#wakeAll();
  }

  #reconnectLater(client: pg.Client): void {
    if (this.#closed || this.#client !== client || this.#retry !== undefined) return;
    this.#client = undefined;
    client.end().catch(() => undefined);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#connect().catch((error: unknown) => {
        this.#onError(error instanceof Error ? error : new Error(String(error)));
        this.#retryMs = Math.min(this.#retryMs * 2, 5000);
        if (this.#client !== undefined) this.#reconnectLater(this.#client);
      });
    }, this.#retryMs);
    this.#retry.unref();
  }

  /** Stops listening and does not reconnect. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#client?.end().catch(() => undefined);
  }
}
