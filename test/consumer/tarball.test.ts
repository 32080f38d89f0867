import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

// What `npm pack` would publish (issue 9), read from npm's own dry run of the `dist/` that
// `npm test` built: no benchmarks, source maps that carry their sources, a licence, entry points
// that exist, and xstate as the app's own (a peer), not a nested copy.

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }),
) as { files: { path: string }[] }[];
const files = new Set((packed?.files ?? []).map((file) => file.path));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('the tarball', () => {
  it('holds the licence and no benchmark', () => {
    expect(files.has('LICENSE')).toBe(true);
    expect([...files].filter((file) => file.startsWith('dist/bench/'))).toEqual([]);
  });

  it('ships each source map with the sources it points to', () => {
    const maps = [...files].filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(50);
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as {
        sources: string[];
        sourcesContent?: string[];
      };
      expect(map.sourcesContent?.length, file).toBe(map.sources.length);
    }
  });

  it('holds every entry point it declares, main and types included', () => {
    const exported = Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap(
      (target) => (typeof target === 'string' ? [target] : Object.values(target)),
    );
    const targets: string[] = [manifest.main, manifest.types, ...exported];
    const missing = targets
      .filter((target) => target !== './package.json')
      .map((target) => target.replace(/^\.\//, ''))
      .filter((target) => !files.has(target));
    expect(missing).toEqual([]);
  });

  it('takes xstate as a peer, and builds only when packed', () => {
    expect(manifest.dependencies.xstate).toBeUndefined();
    expect(manifest.peerDependencies.xstate).toMatch(/^\^5\./);
    expect(manifest.scripts.prepare).toBeUndefined();
    expect(manifest.scripts.prepack).toContain('npm run build');
  });
});
