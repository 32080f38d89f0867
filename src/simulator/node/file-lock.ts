// Node-only: one writer per records file, across processes.
import { open, readFile, unlink } from 'node:fs/promises';

/** Another live process holds the lock: its pid and the lock file's path. */
export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor(
    readonly lockPath: string,
    readonly pid: number | null,
  ) {
    super(`${lockPath} is held by ${pid === null ? 'another process' : `process ${pid}`}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on `path`, as a `path.lock` file holding the owner's pid, created with O_EXCL
 * so two processes cannot both take it. Node has no flock(2); a lock file also shows who holds
 * it. A lock left by a process that died (kill -9) is stale: the next writer takes it over.
 *
 * @example
 * const lock = await FileLock.acquire('calls.jsonl'); // throws LockedError while another process writes it
 * await lock.release();
 */
export class FileLock {
  private constructor(readonly lockPath: string) {}

  static async acquire(path: string): Promise<FileLock> {
    const lockPath = `${path}.lock`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(lockPath, 'wx');
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return new FileLock(lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = await readFile(lockPath, 'utf8').catch(() => '');
      const pid = /^\d+\n?$/.test(text) ? Number(text) : null;
      // A lock just created may not hold its pid yet: only a dead owner's lock is taken over.
      if (pid === null || isAlive(pid)) throw new LockedError(lockPath, pid);
      await unlink(lockPath).catch(() => undefined);
    }
    throw new LockedError(lockPath, null);
  }

  async release(): Promise<void> {
    await unlink(this.lockPath).catch(() => undefined);
  }
}
