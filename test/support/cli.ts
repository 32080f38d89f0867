import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with buffered streams; `stdin` is what `-` reads. */
export async function runCli(args: string[], options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => options.stdin ?? '',
    cwd: options.cwd ?? ROOT,
    stderrIsTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs the built CLI (`bin/call-lifecycle.js`, after `npm run build`) as a user would. */
export async function spawnCli(args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [resolve(ROOT, 'bin/call-lifecycle.js'), ...args], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Checks a user's mistake: exit 2, exactly one line on stderr, nothing on stdout. Returns the line. */
export function expectUsageError(run: CliRun): string {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  return run.stderr.trimEnd();
}
