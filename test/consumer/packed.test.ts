import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { expectedLines, tsSamples } from '../support/doc-samples.js';

// The package as an embedder gets it (issue 9): the packed tarball installed in a fresh project
// with the oldest and the newest xstate its peer range accepts, the README's and
// docs/embedding.md's samples typechecked under `strict` with `module: nodenext` and with
// `moduleResolution: bundler`, then run. It needs the npm registry and takes minutes, so it runs
// only with CL_CONSUMER=1 (.ci/run sets it). It packs the `dist/` that `npm test` has just built
// (`--ignore-scripts`): `prepack` would delete `dist/` under the CLI tests running beside it.

const ENABLED = process.env.CL_CONSUMER === '1';
if (!ENABLED) {
  console.warn(
    'SKIPPED test/consumer/packed.test.ts: the packed tarball is not installed and typechecked (set CL_CONSUMER=1; it needs the npm registry)',
  );
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const XSTATE_RANGE = manifest.peerDependencies.xstate as string;
/** The oldest version the range accepts (`^5.33.0` → `5.33.0`) and whatever is newest within it. */
const XSTATE_VERSIONS = [XSTATE_RANGE.replace(/^[\^~]/, ''), XSTATE_RANGE];

const SAMPLES = ['README.md', 'docs/embedding.md'].flatMap((document) =>
  tsSamples(document).map((code, index) => ({ name: `${document.replace(/\W+/g, '-')}-${index}`, code })),
);

const COMPILER_OPTIONS = {
  strict: true,
  target: 'es2022',
  lib: ['es2023'],
  types: ['node'],
  skipLibCheck: true,
};

const TSCONFIGS = {
  nodenext: {
    ...COMPILER_OPTIONS,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    rootDir: 'samples',
    outDir: 'out',
  },
  bundler: { ...COMPILER_OPTIONS, module: 'esnext', moduleResolution: 'bundler', noEmit: true },
} as const;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** tsc's own report on failure, not the child process's stack. */
function typecheck(dir: string, config: string): string {
  try {
    return run('npx', ['--no-install', 'tsc', '-p', config], dir);
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}` || String(error);
  }
}

describe.skipIf(!ENABLED)('the packed tarball in a fresh project', () => {
  // Made in beforeAll, not while collecting: a skipped run must leave no directory behind.
  let scratch = '';
  let tarball = '';

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'cl-consumer-'));
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], ROOT));
    tarball = join(scratch, (packed as { filename: string }[])[0]?.filename ?? '');
  }, 300_000);

  afterAll(() => {
    if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
  });

  describe.each(XSTATE_VERSIONS)('with xstate@%s', (xstate) => {
    let dir = '';
    const reports: Record<string, string> = {};

    beforeAll(() => {
      dir = join(scratch, `app-${xstate.replace(/\W+/g, '')}`);
      mkdirSync(join(dir, 'samples'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
      // No install scripts: the samples use none of the native or downloaded parts (SQLite, esbuild).
      run(
        'npm',
        [
          'install',
          '--ignore-scripts',
          '--no-audit',
          '--no-fund',
          tarball,
          `xstate@${xstate}`,
          `typescript@${manifest.devDependencies.typescript}`,
          '@types/node@20',
        ],
        dir,
      );
      for (const { name, code } of SAMPLES) writeFileSync(join(dir, 'samples', `${name}.ts`), code);
      for (const [mode, compilerOptions] of Object.entries(TSCONFIGS)) {
        writeFileSync(
          join(dir, `tsconfig.${mode}.json`),
          JSON.stringify({ compilerOptions, include: ['samples/*.ts'] }, null, 2),
        );
        // The nodenext build also writes out/, which the run tests below execute.
        reports[mode] = typecheck(dir, `tsconfig.${mode}.json`);
      }
      const installed = JSON.parse(readFileSync(join(dir, 'node_modules/xstate/package.json'), 'utf8')).version;
      console.log(`consumer test: xstate@${xstate} installed ${installed}`);
    }, 600_000);

    it('installs one copy of xstate, the app’s own: the package takes it as a peer', () => {
      expect(existsSync(join(dir, 'node_modules/call-lifecycle/node_modules/xstate'))).toBe(false);
      expect(existsSync(join(dir, 'node_modules/xstate/package.json'))).toBe(true);
    });

    it.each(Object.keys(TSCONFIGS))('the samples typecheck under strict, %s', (mode) => {
      expect(reports[mode]).toBe('');
    });

    it.each(SAMPLES.map((sample) => [sample.name, sample.code] as const))(
      '%s runs and prints what it says',
      (name, code) => {
        const printed = run('node', [join('out', `${name}.js`)], dir);
        expect(printed.split('\n').filter((line) => line !== '')).toEqual(expectedLines(code));
      },
    );
  });
});
