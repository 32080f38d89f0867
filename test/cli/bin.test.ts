import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

// A clone that was installed but not built (the package builds on prepack, not on install) gets
// one line saying what to run, not a module-not-found stack trace.
const scratch = mkdtempSync(join(tmpdir(), 'cl-bin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bin/call-lifecycle.js', () => {
  it('in a checkout with no dist/: one line naming npm run build, exit 2', () => {
    mkdirSync(join(scratch, 'bin'));
    copyFileSync(resolve(ROOT, 'bin/call-lifecycle.js'), join(scratch, 'bin/call-lifecycle.js'));
    const run = spawnSync('node', [join(scratch, 'bin/call-lifecycle.js'), 'simulate'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('call-lifecycle: dist/ is not built: run `npm run build` in the repository first\n');
  });
});
