import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from '../support/cli.js';

export interface ServeChild {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the child wrote on stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal) once the child has exited. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

const running = new Set<ChildProcess>();

/** Starts the built CLI's `serve` as a real child process and waits for its listening line. */
export async function startServeChild(args: string[], env: Record<string, string>): Promise<ServeChild> {
  const child = spawn('node', [resolve(ROOT, 'bin/call-lifecycle.js'), 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | NodeJS.Signals | null>((done) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      done(code ?? signal);
    }),
  );
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1] !== undefined) done(match[1]);
    });
    void exited.then((code) => fail(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
  return { url, process: child, stderr: () => stderr, exited };
}

/** Kills every child still running (for afterAll), by its own pid. */
export async function killAllChildren(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
}
