import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioPair } from './scenarios.js';

/** Whether SIPp and dumpcap run here (Debian `sip-tester` and `tshark`; CI installs both). */
export const HAVE_SIPP =
  spawnSync('sipp', ['-v'], { stdio: 'ignore' }).error === undefined &&
  spawnSync('dumpcap', ['-v'], { stdio: 'ignore' }).error === undefined;

const children = new Set<ChildProcess>();

/** Stops every child still running, by its own pid (for afterAll). */
export function killChildren(): void {
  for (const child of children)
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  children.clear();
}

function start(command: string, args: string[], cwd: string): ChildProcess & { output: () => string } {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const collect = (data: Buffer) => {
    output += data.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('exit', () => children.delete(child));
  return Object.assign(child, { output: () => output });
}

async function exited(child: ChildProcess, what: string, limitMs: number): Promise<number> {
  if (child.exitCode !== null) return child.exitCode;
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  clearTimeout(timer);
  if (code === null) throw new Error(`${what} did not finish within ${limitMs} ms (${signal})`);
  return code;
}

/** Waits for a condition on a real process, polling: bounded, so a broken peer fails the test instead of hanging. */
async function until(what: string, check: () => Promise<boolean> | boolean, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface SippRun {
  readonly dir: string;
  readonly name: string;
  /** Our scenarios, or the names of SIPp's built-in ones (`-sn uac`, `-sn uas`). */
  readonly scenarios: ScenarioPair | { readonly builtin: { readonly uac: string; readonly uas: string } };
  /** Extra arguments for the UAC (`-d 2000`: the built-in uac's call length). */
  readonly uacArgs?: readonly string[];
  /**
   * The carrier's SIP port; ours is +1. SIPp binds audio at -mp and video at -mp+2: the carrier's
   * media is +2 (and +4), ours +6 (and +8). Ten ports, unique per test.
   */
  readonly port: number;
  readonly transport?: 'udp' | 'tcp';
  readonly ipv6?: boolean;
  readonly calls?: number;
  /** Calls per second and at most this many at once (interleaved calls). */
  readonly rate?: number;
  /** The Request-URI's user; null keeps SIPp's default (`service`). */
  readonly user?: string | null;
}

const SENTINEL = 'call-lifecycle capture sentinel';

/**
 * Runs our UAC against the carrier's UAS on loopback with dumpcap capturing the test's own ports
 * (pcapng), and returns the capture's path. The capture is stopped only once a sentinel datagram
 * sent after both SIPp processes exited is in the file: every packet before it was written.
 */
export async function captureSipp(run: SippRun): Promise<string> {
  const ip = run.ipv6 ? '::1' : '127.0.0.1';
  const transport = run.transport === 'tcp' ? 't1' : 'u1';
  const calls = String(run.calls ?? 1);
  const scenarios = run.scenarios;
  const builtin = 'builtin' in scenarios ? scenarios.builtin : null;
  if (!('builtin' in scenarios)) {
    await writeFile(join(run.dir, `${run.name}-uac.xml`), scenarios.uac);
    await writeFile(join(run.dir, `${run.name}-uas.xml`), scenarios.uas);
  }
  const uasScenario = builtin === null ? ['-sf', `${run.name}-uas.xml`] : ['-sn', builtin.uas];
  const uacScenario = builtin === null ? ['-sf', `${run.name}-uac.xml`] : ['-sn', builtin.uac];
  const file = join(run.dir, `${run.name}.pcapng`);
  const ports = `port ${run.port} or port ${run.port + 1} or portrange ${run.port + 2}-${run.port + 9}`;
  const dumpcap = start('dumpcap', ['-q', '-i', 'lo', '-f', ports, '-w', file], run.dir);
  await until('dumpcap to start', () => dumpcap.output().includes('File:') || dumpcap.exitCode !== null);
  if (dumpcap.exitCode !== null) throw new Error(`dumpcap failed: ${dumpcap.output()}`);
  const common = ['-i', ip, '-t', transport, '-m', calls, '-nostdin', '-timeout', '30s', '-timeout_error'];
  const uas = start('sipp', [...uasScenario, '-p', String(run.port), '-mp', String(run.port + 2), ...common], run.dir);
  const rate = run.rate === undefined ? [] : ['-r', String(run.rate), '-l', calls];
  const remote = run.ipv6 ? `[::1]:${run.port}` : `127.0.0.1:${run.port}`;
  const uac = start(
    'sipp',
    [
      remote,
      ...uacScenario,
      ...(run.uacArgs ?? []),
      '-p',
      String(run.port + 1),
      '-mp',
      String(run.port + 6),
      ...(run.user === null ? [] : ['-s', run.user ?? '33612345678']),
      ...rate,
      ...common,
    ],
    run.dir,
  );
  const uacCode = await exited(uac, 'the SIPp UAC', 40_000);
  const uasCode = await exited(uas, 'the SIPp UAS', 10_000);
  if (uacCode !== 0 || uasCode !== 0)
    throw new Error(
      `SIPp failed (uac ${uacCode}, uas ${uasCode}): ${uac.output().slice(-500)} ${uas.output().slice(-500)}`,
    );
  const socket = createSocket(run.ipv6 ? 'udp6' : 'udp4');
  try {
    await until('the sentinel in the capture', async () => {
      socket.send(SENTINEL, run.port, ip);
      return (await readFile(file)).includes(SENTINEL);
    });
  } finally {
    socket.close();
  }
  dumpcap.kill('SIGINT');
  await exited(dumpcap, 'dumpcap', 10_000);
  return file;
}
