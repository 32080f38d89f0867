import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { expectUsageError, runCli } from '../support/cli.js';
import { svgTexts } from './support/svg-text.js';

describe('call-lifecycle diagram', () => {
  it('prints the call machine as Mermaid by default', async () => {
    const run = await runCli(['diagram']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('stateDiagram-v2');
    expect(run.stdout).toContain('state "noAnswer<br>ABSENT / NO\\_ANSWER" as s25');
  });

  it.each([
    ['dot', (text: string) => expect(text).toMatch(/^digraph "call" \{/)],
    ['svg', (text: string) => expect(svgTexts(text)).toContain('ringing')],
    ['scxml', (text: string) => expect(XMLValidator.validate(text)).toBe(true)],
    ['json', (text: string) => expect(JSON.parse(text).machineId).toBe('call')],
  ])('prints --format %s', async (format, check) => {
    const run = await runCli(['diagram', '--format', format]);
    expect(run.code).toBe(0);
    check(run.stdout);
  });

  it('writes --out FILE, resolved against the working directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'diagram-cli-'));
    const run = await runCli(['diagram', '--format', 'dot', '--out', 'call.dot'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'wrote call.dot\n' });
    expect(await readFile(join(dir, 'call.dot'), 'utf8')).toMatch(/^digraph/);
  });

  it.each([
    ['traffic-light.js#trafficLightMachine', 'PED#95;COUNTDOWN'],
    ['fetch.js#fetchMachine', 'done#58; fetchData'],
    ['nested.js#playerMachine', 'H\\*<br>resume'],
    ['parallel.js#wordMachine', 'TOGGLE#95;BOLD'],
    ['parallel.js', 'TOGGLE#95;BOLD'],
  ])('draws --machine ./examples/machines/%s', async (spec, expected) => {
    const run = await runCli(['diagram', '--machine', `./examples/machines/${spec}`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(expected);
  });

  it('overlays --scenario: the path one call took, numbered, with its outcome in the title', async () => {
    const run = await runCli(['diagram', '--format', 'svg', '--scenario', 'examples/no-answer.json']);
    expect(run.code).toBe(0);
    const texts = svgTexts(run.stdout);
    expect(texts.some((text) => text.includes('ABSENT / NO_ANSWER after'))).toBe(true);
    expect(texts.filter((text) => /^#\d/.test(text))).toEqual(
      expect.arrayContaining(['#1 [else]', '#2 carrier.ringing']),
    );
    const json = JSON.parse(
      (await runCli(['diagram', '--format', 'json', '--scenario', 'examples/no-answer.json'])).stdout,
    );
    expect(json.trace.edges.at(-1)).toMatch(/^call\.ringing\//);
  });

  it('takes --direction, --title, --no-legend and --details', async () => {
    const plain = await runCli(['diagram', '--format', 'dot']);
    const run = await runCli([
      'diagram',
      '--format',
      'dot',
      '--direction',
      'LR',
      '--title',
      'Our call',
      '--no-legend',
      '--details',
    ]);
    expect(run.code).toBe(0);
    expect(plain.stdout).toContain('rankdir="TB"');
    expect(run.stdout).toContain('rankdir="LR"');
    expect(run.stdout).toContain('label="Our call"');
    expect(plain.stdout).toContain('id="legend"');
    expect(run.stdout).not.toContain('id="legend"');
    // The call machine's entry actions (timers, records) appear only with --details.
    expect(plain.stdout).not.toContain('entry / ');
    expect(run.stdout).toContain('entry / ');
    const mermaid = await runCli(['diagram', '--direction', 'LR', '--title', 'Our call']);
    expect(mermaid.stdout).toContain('direction LR');
    expect(mermaid.stdout).toContain('title: "Our call"');
  });

  it('rejects what it cannot draw with one line and exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'diagram-cli-'));
    await writeFile(join(dir, 'not-a-machine.js'), 'export const answer = 42;\n');
    await writeFile(join(dir, 'broken.js'), 'export const = ;\n');
    await writeFile(
      join(dir, 'bad-scenario.json'),
      JSON.stringify({
        call: { to: '+33612345678', messages: [{ id: 'a' }] },
        events: [{ at: 0, type: 'carrier.ring' }],
      }),
    );
    const errors = [
      expectUsageError(await runCli(['diagram', '--format', 'png'])),
      expectUsageError(await runCli(['diagram', '--machine', './examples/machines/index.js#nope'])),
      expectUsageError(await runCli(['diagram', '--machine', './not-a-machine.js#answer'], { cwd: dir })),
      expectUsageError(await runCli(['diagram', '--machine', './not-a-machine.js'], { cwd: dir })),
      expectUsageError(await runCli(['diagram', '--machine', './missing.js#m'], { cwd: dir })),
      // How a syntax error reads depends on the loader (Node or the test runner's): only its start is pinned.
      expectUsageError(await runCli(['diagram', '--machine', './broken.js#m'], { cwd: dir }))
        .split(': ')
        .slice(0, 3)
        .join(': '),
      expectUsageError(await runCli(['diagram', '--scenario', 'bad-scenario.json'], { cwd: dir })),
      expectUsageError(await runCli(['diagram', '--scenario', 'nowhere.json'], { cwd: dir })),
      expectUsageError(
        await runCli([
          'diagram',
          '--scenario',
          'examples/busy.json',
          '--machine',
          './examples/machines/fetch.js#fetchMachine',
        ]),
      ),
      expectUsageError(await runCli(['diagram', '--scenario', 'examples/busy.json', '--format', 'scxml'])),
      expectUsageError(await runCli(['diagram', '--colour', 'red'])),
      expectUsageError(await runCli(['diagram', 'extra'])),
      expectUsageError(await runCli(['diagram', '--direction', 'RL'])),
    ];
    expect(errors).toMatchInlineSnapshot(`
      [
        "call-lifecycle: diagram: unknown format "png" (accepted: "mermaid", "dot", "svg", "scxml", "json" or "html")",
        "call-lifecycle: diagram: ./examples/machines/index.js has no export "nope" (its machines: "trafficLightMachine", "fetchMachine", "playerMachine" or "wordMachine")",
        "call-lifecycle: diagram: ./not-a-machine.js#answer is not an XState v5 machine (expected the result of createMachine or setup().createMachine)",
        "call-lifecycle: diagram: ./not-a-machine.js has no export "default" (it exports no XState machine)",
        "call-lifecycle: diagram: cannot load ./missing.js: no such file (or a module it imports is missing)",
        "call-lifecycle: diagram: cannot load ./broken.js",
        "call-lifecycle: diagram: --scenario bad-scenario.json: events[0].type: unknown event "carrier.ring" (accepted: "carrier.trying", "carrier.ringing", "carrier.answered", "carrier.busy", "carrier.rejected", "carrier.unallocated", "carrier.noAnswer", "carrier.failed", "amd.human", "amd.machine", "amd.unknown", "voicemail.beep", "playback.ended", "recipient.hangup" or "platform.abort")",
        "call-lifecycle: cannot read nowhere.json: no such file",
        "call-lifecycle: diagram: --scenario replays a call, so it draws the call machine only (drop --machine)",
        "call-lifecycle: diagram: --scenario cannot be drawn in scxml (accepted: "mermaid", "dot", "svg", "json" or "html")",
        "call-lifecycle: diagram: Unknown option '--colour' (accepted: --format, --out, --machine, --scenario, --details, --direction, --title, --no-legend, --ladder, --provider, --log, --capture, --call, --us, --to, --message-ms, --messages; see call-lifecycle diagram --help)",
        "call-lifecycle: diagram: Unexpected argument 'extra' (accepted: --format, --out, --machine, --scenario, --details, --direction, --title, --no-legend, --ladder, --provider, --log, --capture, --call, --us, --to, --message-ms, --messages; see call-lifecycle diagram --help)",
        "call-lifecycle: diagram: unknown direction "RL" (accepted: "TB" or "LR")",
      ]
    `);
  });

  it('explains itself with --help', async () => {
    const run = await runCli(['diagram', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--format FORMAT');
  });
});
