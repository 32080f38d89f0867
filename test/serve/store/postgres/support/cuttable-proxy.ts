import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../../../support/private-postgres.js';

/**
 * A TCP proxy between `serve` and its database that the test can cut: `cut()` resets every
 * connection through it and refuses new ones, as a network partition that the kernel reports
 * (a reset or refused connection) does; `restore()` lets connections through again on the same
 * port. A silent partition (packets dropped, nothing reported) is not what it simulates: that is
 * left to TCP keepalive and the server's timeouts (docs/scale-out.md).
 */
export class CuttableProxy {
  #server: Server | null = null;
  readonly #sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<CuttableProxy> {
    const proxy = new CuttableProxy(await freePort(), targetPort);
    await proxy.restore();
    return proxy;
  }

  /** Lets connections through (again). */
  restore(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.#server = server;
    return new Promise((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
  }

  /** Resets every connection and refuses new ones until `restore`. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.resetAndDestroy();
    if (server !== null) await new Promise((resolve) => server.close(resolve));
  }
}
