import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster of the test's own, in a temporary directory on a free port, for
 * tests that stop and restart the database: the machine's shared server (127.0.0.1:5432) serves
 * other tests and must never be restarted. Built with the server's own `initdb` and `pg_ctl`
 * (Debian: /usr/lib/postgresql/<version>/bin). PostgreSQL refuses to run as root, so as root the
 * cluster belongs to the `postgres` user and its commands run through `runuser`.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  /** The URL of its `postgres` database (trust authentication, loopback only). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Creates and starts a cluster, or says why one cannot be had here. */
  static async start(): Promise<PrivatePostgres | string> {
    const bin = serverBin();
    if (bin === null) return 'no PostgreSQL server binaries in /usr/lib/postgresql/*/bin';
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !existsSync('/usr/sbin/runuser')) return 'running as root without runuser';
    const dir = mkdtempSync(join(tmpdir(), 'cl-private-pg-'));
    const cluster = new PrivatePostgres(bin, dir, await freePort());
    try {
      if (asRoot) chownSync(dir, postgresId('-u'), postgresId('-g'));
      cluster.run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
      cluster.startServer();
      return cluster;
    } catch (error) {
      cluster.remove();
      return `could not start a private cluster: ${(error as Error).message.split('\n')[0]}`;
    }
  }

  /** Starts the server and waits until it accepts connections. */
  startServer(): void {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=on`;
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-o', options, '-w', 'start']);
  }

  /** Stops the server as a crash would (`immediate`: no checkpoint; the next start recovers from the WAL). */
  crash(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  /** Stops the server (if running) and deletes the cluster. */
  remove(): void {
    try {
      if (existsSync(join(this.dir, 'data', 'postmaster.pid')))
        this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private run(command: string, args: readonly string[]): void {
    const path = join(this.bin, command);
    const [file, argv] =
      process.getuid?.() === 0 ? ['/usr/sbin/runuser', ['-u', 'postgres', '--', path, ...args]] : [path, [...args]];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dir, timeout: 60_000 });
  }
}

function serverBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

function postgresId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
}

/** A port nothing listens on now (the kernel's pick for an ephemeral bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}
