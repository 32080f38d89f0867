// Fuzzing every command and every input format in-process (fast): scenario, profile, number
// lists, provider logs, messages, machine module paths. Whatever the bytes, the CLI answers with
// a known exit code and, on exit 2, one clean line: never an internal error, a stack trace, raw
// control characters or output on stdout. Runs scale with FC_NUM_RUNS (docs/reliability.md).
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '../../support/property.js';
import { beforeAll, describe, expect } from 'vitest';
import { PROVIDER_NAMES } from '../../../src/carriers/providers/index.js';
import { ROOT, runCli } from '../../support/cli.js';
import { expectContained, hostileJson, hostileString, hostileText } from './hostile.js';

// Small by default (the suite stays fast); FC_NUM_RUNS scales every property up for a deep run.
const RUNS = { numRuns: Number(process.env.FC_NUM_RUNS ?? 15) };

const example = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const VALID_SCENARIO = JSON.parse(example('examples/busy.json'));
const VALID_PROFILE = { name: 'fuzz', ring: { answerRate: 0.5 } };

let dir: string;
let files = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-fuzz-'));
});

/** A file holding `text`, under a fresh name (modules are cached by path). */
async function file(text: string, extension: string): Promise<string> {
  const path = join(dir, `input-${files++}${extension}`);
  await writeFile(path, text);
  return path;
}

describe('run', () => {
  test.prop([hostileText(VALID_SCENARIO)], RUNS)('any scenario text: exit 0, 2 or 3, one clean line', async (text) => {
    expectContained(await runCli(['run', '-'], { stdin: text }), [0, 2, 3]);
  });

  test.prop([fc.array(fc.oneof(hostileString, fc.constantFrom('-', '--', '-h=1', '--x')), { maxLength: 3 })], RUNS)(
    'any arguments: one clean line',
    async (args) => {
      expectContained(await runCli(['run', ...args]), [0, 2, 3]);
    },
  );
});

describe('diagram', () => {
  test.prop([hostileText(VALID_SCENARIO)], RUNS)('any --scenario text', async (text) => {
    expectContained(await runCli(['diagram', '--scenario', '-'], { stdin: text }), [0, 2]);
  });

  test.prop(
    [hostileText({}), fc.constantFrom('.mjs', '.js', '.json', ''), fc.constantFrom('', '#default', '#machine', '#')],
    RUNS,
  )('any --machine module (its text, extension and export name)', async (text, extension, exportName) => {
    // Module text here is random bytes or JSON: as JavaScript, at most an expression without effects.
    const path = await file(text, extension);
    expectContained(await runCli(['diagram', '--machine', `${path}${exportName}`]), [2]);
  });

  test.prop([hostileString], RUNS)('any --machine path', async (path) => {
    expectContained(await runCli(['diagram', '--machine', `./no-such-dir/${path}`]), [2]);
  });
});

describe('simulate', () => {
  test.prop([hostileText(VALID_PROFILE)], RUNS)('any --profile text', async (text) => {
    expectContained(await runCli(['simulate', '--calls', '3', '--profile', '-'], { stdin: text }));
  });

  const numberLists = fc.oneof(
    hostileText(['+33612345678']),
    fc
      .array(fc.oneof(hostileString, fc.constant('+33612345678'), fc.constant('phone,name')), { maxLength: 6 })
      .map((lines) => lines.join('\n')),
  );

  test.prop([numberLists], RUNS)('any --numbers list', async (text) => {
    expectContained(await runCli(['simulate', '--numbers', '-'], { stdin: text }));
  });

  test.prop([numberLists], RUNS)('any --blacklist list', async (text) => {
    expectContained(await runCli(['simulate', '--calls', '3', '--blacklist', '-'], { stdin: text }));
  });

  test.prop([fc.constantFrom('calls', 'concurrency', 'workers', 'seed', 'engine'), hostileString], RUNS)(
    'any option value',
    async (option, value) => {
      const calls = option === 'calls' ? [] : ['--calls', '3'];
      expectContained(await runCli(['simulate', ...calls, `--${option}=${value}`]));
    },
  );
});

describe('normalize', () => {
  const logs = PROVIDER_NAMES.map((provider) => {
    const lines = example(`examples/providers/${provider}.jsonl`)
      .split('\n')
      .filter((line) => line !== '');
    return { provider, valid: JSON.parse(lines[0] as string) as unknown };
  });

  for (const { provider, valid } of logs) {
    const line = fc.oneof(
      hostileText(valid),
      hostileJson.map((value) => JSON.stringify(value) ?? 'null'),
    );
    test.prop([fc.array(line, { minLength: 1, maxLength: 5 })], RUNS)(
      `${provider}: any log stops at the first bad line with one clean line`,
      async (lines) => {
        expectContained(
          await runCli(['normalize', '--provider', provider, '-'], { stdin: lines.join('\n') }),
          [0, 2, 3],
        );
      },
    );

    test.prop([fc.array(line, { minLength: 1, maxLength: 5 })], RUNS)(
      `${provider}: any log with --skip-malformed: clean warning lines, never a crash`,
      async (lines) => {
        const run = await runCli(['normalize', '--provider', provider, '--skip-malformed', '-'], {
          stdin: lines.join('\n'),
        });
        expect([0, 2, 3]).toContain(run.code);
        for (const warning of run.stderr.split('\n').filter((text) => text !== '')) {
          expect(warning.startsWith('call-lifecycle: normalize: ')).toBe(true);
          expect(warning).not.toMatch(/^call-lifecycle: internal error/);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control character may reach stderr
          expect(warning).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        }
        for (const record of run.stdout.split('\n').filter((text) => text !== '')) JSON.parse(record);
      },
    );
  }

  test.prop([hostileText([{ id: 'm', durationMs: 1000 }])], RUNS)('any --messages file', async (text) => {
    const path = await file(text, '.json');
    expectContained(
      await runCli(['normalize', '--provider', 'twilio', '--messages', path, '-'], { stdin: '' }),
      [0, 2],
    );
  });
});
