import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { callLadder } from '../../src/diagram/ladder.js';
import { ladderToMermaid } from '../../src/diagram/ladder-mermaid.js';
import { ladderToSvg } from '../../src/diagram/ladder-svg.js';
import { runScenario } from '../../src/scenario/run.js';
import { expectUsageError, ROOT, runCli } from '../support/cli.js';
import { svgTexts } from './support/svg-text.js';

async function ladderOf(example: string) {
  const scenario = JSON.parse(await readFile(join(ROOT, 'examples', example), 'utf8'));
  const result = runScenario(scenario);
  if (!result.ok) throw new Error(`examples/${example} does not replay`);
  return { ladder: callLadder(result.record, scenario.events), record: result.record };
}

const rows = (ladder: Awaited<ReturnType<typeof ladderOf>>['ladder']): string[] =>
  ladder.messages.map(
    (message) =>
      `${message.at} ${message.from}→${message.to} ${message.label}${message.ignored ? ' IGNORED' : ` ⇒ ${message.states.join(' ← ')}`}`,
  );

describe('a call’s ladder', () => {
  it('has one message per event, from the right party, with its codes, the state entered and the transients', async () => {
    const { ladder } = await ladderOf('voicemail-complete.json');
    expect(ladder.parties.map((party) => party.label)).toEqual(['platform', 'carrier', 'voicemail', 'detector (AMD)']);
    expect(rows(ladder)).toMatchInlineSnapshot(`
      [
        "0 platform→carrier dial ⇒ dialing ← initiating",
        "1200 carrier→platform carrier.ringing (SIP 180) ⇒ ringing",
        "21000 carrier→platform carrier.answered (SIP 200) ⇒ connected.detecting ← connected.screening",
        "23500 detector→platform amd.machine ⇒ connected.voicemail.awaitingBeep ← connected.voicemail.screening",
        "29000 detector→platform voicemail.beep ⇒ connected.voicemail.leaving.timedMessage ← connected.voicemail.leaving.nextMessage",
        "33000 platform→platform timer messageDuration ⇒ connected.voicemail.leaving.timedMessage ← connected.voicemail.leaving.nextMessage",
        "42000 platform→platform timer messageDuration ⇒ voicemailComplete ← connected.voicemail.leaving.nextMessage",
      ]
    `);
    expect(ladder.outcome).toBe('ABSENT / VOICEMAIL_DETECTED / VOICEMAIL_COMPLETE');
  });

  it('shows late and duplicate events as ignored arrows, in time order', async () => {
    const { ladder, record } = await ladderOf('late-and-duplicate-events.json');
    const ignored = ladder.messages.filter((message) => message.ignored);
    expect(ignored.map((message) => `${message.at} ${message.label}`)).toEqual(
      record.ignoredEvents.map((event) => `${event.at} ${event.event} (SIP ${event.sipCode})`),
    );
    const times = ladder.messages.map((message) => message.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(ladderToMermaid(ladder)).toContain('carrier--xplatform: ');
  });

  it('shows a blacklisted call as the platform deciding alone', async () => {
    const { ladder } = await ladderOf('blacklisted.json');
    expect(rows(ladder)).toEqual(['0 platform→platform start ⇒ blacklisted ← initiating']);
  });

  it('draws an SVG that parses, with every message, time and state entered', async () => {
    const { ladder } = await ladderOf('voicemail-complete.json');
    const svg = ladderToSvg(ladder);
    expect(XMLValidator.validate(svg)).toBe(true);
    const texts = svgTexts(svg);
    for (const message of ladder.messages) {
      expect(texts).toContain(message.label);
      expect(texts).toContain(message.states[0]);
    }
    expect(texts).toContain('29 s');
  });

  it('is drawn by `diagram --ladder` from a scenario or a provider log, and refuses what it cannot draw', async () => {
    const fromScenario = await runCli(['diagram', '--ladder', '--scenario', 'examples/busy.json']);
    expect(fromScenario.code).toBe(0);
    expect(fromScenario.stdout).toContain('sequenceDiagram');
    const svg = await runCli(['diagram', '--ladder', '--scenario', 'examples/busy.json', '--format', 'svg']);
    expect(svgTexts(svg.stdout).some((text) => text.startsWith('carrier.busy'))).toBe(true);
    const log = await runCli([
      'diagram',
      '--ladder',
      '--provider',
      'twilio',
      '--log',
      'examples/providers/twilio.jsonl',
      '--call',
      'CA00000000000000000000000000000001',
      '--format',
      'json',
    ]);
    expect(log.code).toBe(0);
    expect(JSON.parse(log.stdout).messages[1]).toMatchObject({
      from: 'carrier',
      to: 'platform',
      event: 'carrier.ringing',
    });
    const errors = [
      expectUsageError(await runCli(['diagram', '--ladder'])),
      expectUsageError(await runCli(['diagram', '--ladder', '--scenario', 'examples/busy.json', '--format', 'dot'])),
      expectUsageError(
        await runCli(['diagram', '--ladder', '--provider', 'twilio', '--log', 'examples/providers/twilio.jsonl']),
      ).slice(0, 80),
      expectUsageError(
        await runCli(['diagram', '--ladder', '--provider', 'nope', '--log', 'examples/providers/twilio.jsonl']),
      ),
      expectUsageError(await runCli(['diagram', '--provider', 'twilio'])),
    ];
    expect(errors).toMatchInlineSnapshot(`
      [
        "call-lifecycle: diagram: --ladder needs --scenario FILE, --capture FILE, or --provider NAME with --log FILE",
        "call-lifecycle: diagram: --ladder cannot be drawn in dot (accepted: "mermaid", "svg" or "json")",
        "call-lifecycle: diagram: examples/providers/twilio.jsonl holds 9 calls: name one",
        "call-lifecycle: diagram: unknown provider "nope" (accepted: "twilio", "vonage", "telnyx", "plivo", "asterisk" or "freeswitch")",
        "call-lifecycle: diagram: --provider and --log draw a ladder: add --ladder",
      ]
    `);
  });
});
