import { describe, expect, it } from 'vitest';
import { CoalescedSync } from '../../src/serve/node/coalesced-sync.js';
import { GroupCommit } from '../../src/serve/node/group-commit.js';

/** An fsync the test finishes by hand, recording when each one started. */
function manualFsync() {
  const started: { finish: () => void; fail: (error: Error) => void }[] = [];
  const fsync = () =>
    new Promise<void>((resolve, reject) => {
      started.push({ finish: resolve, fail: reject });
    });
  return { started, fsync };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedSync', () => {
  it('a caller who asks while an fsync runs waits for one that starts after it, shared with the others', async () => {
    const { started, fsync } = manualFsync();
    const sync = new CoalescedSync(fsync);
    const settled: string[] = [];
    void sync.sync().then(() => settled.push('first'));
    void sync.sync().then(() => settled.push('second'));
    void sync.sync().then(() => settled.push('third'));
    expect(started).toHaveLength(1);
    started[0]?.finish();
    await tick();
    // The running fsync may have begun before the second and third writes: they need a new one.
    expect(settled).toEqual(['first']);
    expect(started).toHaveLength(2);
    started[1]?.finish();
    await tick();
    expect(settled).toEqual(['first', 'second', 'third']);
    expect(started).toHaveLength(2);
  });

  it('a failed fsync fails its callers, and the next callers get an fsync of their own', async () => {
    const { started, fsync } = manualFsync();
    const sync = new CoalescedSync(fsync);
    const first = sync.sync();
    const second = sync.sync();
    started[0]?.fail(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    await tick();
    expect(started).toHaveLength(2);
    started[1]?.finish();
    await expect(second).resolves.toBeUndefined();
  });
});

describe('GroupCommit', () => {
  it('answers no write before the fsync after its commit has finished', async () => {
    const { started, fsync } = manualFsync();
    const committed: number[][] = [];
    const sync = new CoalescedSync(fsync);
    const group = new GroupCommit(
      (writes) => {
        const results = writes.map((write) => write() as number);
        committed.push(results);
        return results;
      },
      () => sync.sync(),
    );
    const answered: number[] = [];
    for (const n of [1, 2, 3]) void group.write(() => n).then((value) => answered.push(value));
    await tick();
    expect(committed).toEqual([[1, 2, 3]]);
    expect(answered).toEqual([]);
    started[0]?.finish();
    await tick();
    expect(answered).toEqual([1, 2, 3]);
  });
});
