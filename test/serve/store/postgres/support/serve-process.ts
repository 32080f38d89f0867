import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../../../../bin/call-lifecycle.js');

/** One real `call-lifecycle serve` child process (the built CLI, as a user runs it). */
export class ServeProcess {
  readonly stderr: string[] = [];
  url = '';
  #exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stderr?.setEncoding('utf8').on('data', (text: string) => this.stderr.push(text));
    this.#exited = new Promise((done) => child.once('exit', (code) => done(code)));
  }

  /** Starts `serve` with `args` and resolves once it says where it listens. */
  static async start(args: readonly string[], env: Readonly<Record<string, string>>): Promise<ServeProcess> {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const serve = new ServeProcess(child);
    serve.url = await new Promise<string>((resolveUrl, reject) => {
      let out = '';
      child.stdout?.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1] !== undefined) resolveUrl(match[1]);
      });
      child.once('exit', (code) =>
        reject(new Error(`serve exited (${code}) before listening: ${serve.stderr.join('')}`)),
      );
    });
    return serve;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('serve has no pid');
    return this.child.pid;
  }

  signal(name: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) process.kill(this.pid, name);
  }

  /** Whether the process is stopped (SIGSTOP): state `T` in /proc (Linux). */
  stopped(): boolean {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
    } catch {
      return false;
    }
  }

  /** SIGTERM (a clean stop), then the exit code. */
  async stop(): Promise<number | null> {
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    return this.#exited;
  }

  /** For afterAll: ends the process whatever its state. */
  kill(): void {
    this.signal('SIGKILL');
  }

  exited(): Promise<number | null> {
    return this.#exited;
  }
}
