import { describe, expect, it } from 'vitest';
import { expectUsageError, runCli } from '../support/cli.js';

describe('call-lifecycle serve: bad options', () => {
  it.each([
    [['--port', '70000'], 'serve: --port: expected a whole number from 0 to 65535, got "70000"'],
    [['--grace', '-1'], 'serve: --grace takes a value; write --grace=<value> for one starting with "-"'],
    [
      ['--store', 'mysql://db/calls'],
      'serve: --store: unsupported store "mysql" (accepted: sqlite:PATH, postgres://…)',
    ],
    [['--store', 'sqlite:'], 'serve: --store sqlite: needs a file path, e.g. sqlite:./call-lifecycle.db'],
    [['--forward', 'ftp://x'], 'serve: --forward: expected an http(s) URL, got "ftp://x"'],
    [['--voicemail', 'maybe'], 'serve: --voicemail: expected "leave" or "hangup", got "maybe"'],
    [['--message-ms', '5', '--messages', 'm.json'], 'serve: give --message-ms or --messages, not both'],
    [['--listen'], 'serve: Unknown option'],
  ])('%j is refused with one line', async (args, message) => {
    expect(expectUsageError(await runCli(['serve', ...args]))).toContain(`call-lifecycle: ${message}`);
  });

  it('--help names every option and the secrets', async () => {
    const run = await runCli(['serve', '--help']);
    expect(run.code).toBe(0);
    for (const word of ['--store', '--records', '--public-url', '--grace', '--forward', '--allow-unsigned'])
      expect(run.stdout).toContain(word);
    for (const secret of ['TWILIO_AUTH_TOKEN', 'PLIVO_AUTH_TOKEN', 'TELNYX_PUBLIC_KEY', 'VONAGE_SIGNATURE_SECRET'])
      expect(run.stdout).toContain(secret);
  });
});
