import { describe, expect, it } from 'vitest';
import { CALL_EVENT_TYPES } from '../../machines/events.js';
import { TIMER_DEFAULTS } from '../../machines/timers.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT, runCli, spawnCli } from '../support/cli.js';

describe('call-lifecycle run', () => {
  it('prints the record of a scenario file as JSON', async () => {
    const { code, stdout, stderr } = await runCli(['run', 'examples/busy.json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      callId: 'busy',
      status: 'ABSENT',
      subStatus: 'BUSY',
      resultCode: null,
      sipCode: 486,
      q850: 17,
    });
  });

  it('reads the scenario from standard input with -', async () => {
    const scenario = {
      call: { to: '+14155550100', messages: [{ id: 'm', durationMs: 1000 }] },
      events: [{ at: 5, type: 'carrier.rejected' }],
    };
    const { code, stdout } = await runCli(['run', '-'], { stdin: JSON.stringify(scenario) });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).subStatus).toBe('REJECTED');
  });

  it.each([
    [['run'], 'call-lifecycle: run: expected one scenario file (or - for standard input)'],
    [['run', 'a.json', 'b.json'], 'call-lifecycle: run: expected one scenario file (or - for standard input)'],
    [['run', 'missing.json'], 'call-lifecycle: cannot read missing.json: no such file'],
    [['run', 'examples'], 'call-lifecycle: cannot read examples: is a directory'],
    [
      ['run', '--fast', 'x.json'],
      "call-lifecycle: run: Unknown option '--fast' (it takes no options; see call-lifecycle run --help)",
    ],
  ])('%j fails with one line and exit 2', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('says how to pass an option value that starts with a dash', async () => {
    const { code, stderr } = await runCli(['simulate', '--calls', '-5']);
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr:
        'call-lifecycle: simulate: --calls takes a value; write --calls=<value> for one starting with "-" (accepted: --calls, --numbers, --seed, --profile, --concurrency, --blacklist, --records, --report, --workers, --engine; see call-lifecycle simulate --help)\n',
    });
  });

  it('rejects malformed JSON with one line and exit 2', async () => {
    const { code, stderr } = await runCli(['run', '-'], { stdin: '{"call": ' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^call-lifecycle: standard input is not valid JSON: .+\n$/);
  });

  it('names the index and type of an unknown event', async () => {
    const scenario = {
      call: { to: '+14155550100', messages: [{ id: 'm' }] },
      events: [
        { at: 0, type: 'carrier.ringing' },
        { at: 9, type: 'carrier.picked' },
      ],
    };
    const { code, stderr } = await runCli(['run', '-'], { stdin: JSON.stringify(scenario) });
    expect(code).toBe(2);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toContain('run: invalid scenario: events[1].type: unknown event "carrier.picked" (accepted: ');
  });

  it('exits 3 with the partial state when the call waits for an event that never came', async () => {
    const scenario = {
      call: { to: '+14155550100', messages: [{ id: 'live' }] },
      events: [
        { at: 0, type: 'carrier.answered' },
        { at: 100, type: 'amd.human' },
      ],
    };
    const { code, stdout, stderr } = await runCli(['run', '-'], { stdin: JSON.stringify(scenario) });
    expect(code).toBe(3);
    expect(stderr).toBe(
      'call-lifecycle: run: the call is stuck in connected.playing.untimedMessage at 100 ms, waiting for platform.abort, playback.ended, recipient.hangup; no such event came\n',
    );
    expect(JSON.parse(stdout)).toMatchObject({
      stalled: true,
      state: 'connected.playing.untimedMessage',
      answeredAt: 0,
      messagesPlayed: 0,
    });
  });

  it('describes itself with --help', async () => {
    const { code, stdout } = await runCli(['run', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: call-lifecycle run <scenario.json | ->');
    expect(stdout).toContain('3  the call cannot end');
    for (const type of CALL_EVENT_TYPES) expect(stdout).toContain(type);
    for (const [name, ms] of Object.entries(TIMER_DEFAULTS)) expect(stdout).toContain(`${name} ${ms}`);
  });
});

describe('call-lifecycle', () => {
  it('lists every command with --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}run {2,}replay one call scenario/m);
  });

  it('rejects an unknown command with the accepted ones', async () => {
    const { code, stderr } = await runCli(['dial']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^call-lifecycle: unknown command "dial" \(accepted: run.*\)\n$/);
  });

  it('runs as a real process from bin/ with the documented exit codes', async () => {
    const ok = await spawnCli(['run', 'examples/voicemail-complete.json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).resultCode).toBe('VOICEMAIL_COMPLETE');
    const bad = await spawnCli(['run', 'nope.json']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'call-lifecycle: cannot read nope.json: no such file\n' });
  });

  it('stops quietly when the reader closes the pipe early', async () => {
    // `true` exits before node has started, so every write meets a closed pipe.
    const script =
      'node bin/call-lifecycle.js run examples/voicemail-complete.json | true; node bin/call-lifecycle.js run examples/busy.json | head -c 9';
    const { stdout, stderr } = await promisify(execFile)('bash', ['-c', script], { cwd: ROOT });
    expect(stdout).toBe('{\n  "call');
    expect(stderr).toBe('');
  });
});
