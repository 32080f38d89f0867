import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import { edgeGroups } from '../../src/diagram/edges.js';
import { machineGraph } from '../../src/diagram/graph.js';
import { playerMachine } from '../../examples/machines/index.js';
import { runScenario } from '../../src/scenario/run.js';
import { captureLadder } from '../../src/sip/capture-ladder.js';
import { ROOT, runCli } from '../support/cli.js';
import { type WatchedPage, browserUnavailableReason, launchBrowser, openWatched } from '../support/browser.js';

const unavailable = browserUnavailableReason();
if (unavailable !== null) console.warn(`skipping the explorer browser tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('diagram --format html, the explorer, in headless Chromium', () => {
  let browser: Browser;
  let directory: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    directory = await mkdtemp(join(tmpdir(), 'call-lifecycle-explorer-'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function visit(name: string, args: string[]): Promise<WatchedPage> {
    const run = await runCli(['diagram', '--format', 'html', ...args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = join(directory, name);
    await writeFile(file, run.stdout);
    const url = pathToFileURL(file).href;
    // Only the page itself may load: the explorer must need nothing else.
    return openWatched(browser, url, {
      allowed: (requested) => requested === url,
      viewport: { width: 1400, height: 900 },
    });
  }

  /** The graph ids of the states drawn as active. */
  const activeStates = (page: Page, graph: ReturnType<typeof machineGraph>): Promise<string[]> =>
    page.evaluate(
      (ids) => {
        const document = (
          globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ id: string }> } }
        ).document;
        return Array.from(
          document.querySelectorAll('#picture .cl-active'),
          (element) => ids[Number(element.id.slice(1))] ?? element.id,
        );
      },
      graph.nodes.map((node) => node.id),
    );

  it('steps the live call machine with the buttons of the events its state accepts, with no request and no error', async () => {
    const graph = callMachineGraph();
    const { page, requests, problems } = await visit('call.html', []);
    expect(await page.locator('#state').textContent()).toBe('dialing');
    expect(await activeStates(page, graph)).toEqual(['call.dialing']);
    const offered = await page
      .locator('#events button.event')
      .evaluateAll((buttons) =>
        buttons.map((button) => (button as unknown as { dataset: { event: string } }).dataset.event),
      );
    expect(offered).toEqual(
      expect.arrayContaining(['carrier.ringing', 'carrier.busy', 'xstate.after.carrierTimeout.call.dialing']),
    );
    expect(offered).not.toContain('amd.machine');

    await page.click('button.event[data-event="carrier.ringing"]');
    expect(await page.locator('#state').textContent()).toBe('ringing');
    expect(await activeStates(page, graph)).toEqual(['call.ringing']);
    await page.click('button.event[data-event="carrier.answered"]');
    expect(await page.locator('#state').textContent()).toBe('connected.detecting');
    await page.click('button.event[data-event="amd.human"]');
    expect(await page.locator('#state').textContent()).toBe('connected.playing.timedMessage');
    await page.click('button.event[data-event="recipient.hangup"]');
    expect(await page.locator('#state').textContent()).toBe('answeredIncompleteHangup');
    expect(await page.locator('#events').textContent()).toContain('The machine is done.');
    expect(await page.locator('#log li').allInnerTexts()).toEqual([
      'start',
      'carrier.ringing → ringing',
      'carrier.answered → connected.detecting',
      'amd.human → connected.playing.timedMessage',
      'recipient.hangup → answeredIncompleteHangup',
    ]);
    await page.click('#reset');
    expect(await page.locator('#state').textContent()).toBe('dialing');
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('highlights what enters and what leaves a clicked state', async () => {
    const graph = callMachineGraph();
    const { page, problems } = await visit('call-click.html', []);
    const ringing = graph.nodes.findIndex((node) => node.id === 'call.ringing');
    await page.click(`#picture #s${ringing}`);
    const arrows = await page.evaluate(() => {
      const document = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } })
        .document;
      return {
        out: document.querySelectorAll('#picture g.edge.cl-out').length,
        in: document.querySelectorAll('#picture g.edge.cl-in').length,
      };
    });
    // One arrow per pair of states (and per eventless group): as many as toDot draws.
    const groups = edgeGroups(graph);
    expect(arrows).toEqual({
      out: groups.filter((group) => group.source === 'call.ringing').length,
      in: groups.filter((group) => group.target === 'call.ringing').length,
    });
    expect(arrows.in).toBeGreaterThan(0);
    expect(await page.locator(`#picture #s${ringing}.cl-selected`).count()).toBe(1);
    expect(await page.locator('#selection').textContent()).toContain('← carrier.ringing (from dialing)');
    expect(problems).toEqual([]);
  });

  it('steps through a recorded call with the timeline slider, beside its ladder', async () => {
    const graph = callMachineGraph();
    const { page, requests, problems } = await visit('scenario.html', [
      '--scenario',
      'examples/voicemail-complete.json',
    ]);
    const result = runScenario(JSON.parse(await readFile(join(ROOT, 'examples/voicemail-complete.json'), 'utf8')));
    const timeline = result.ok ? result.record.timeline : [];
    const slider = page.locator('#timeline');
    expect(await slider.getAttribute('max')).toBe(String(timeline.length - 1));
    expect(timeline[2]).toEqual({ at: 1200, state: 'ringing', event: 'carrier.ringing' });
    expect(await activeStates(page, graph)).toContain('call.voicemailComplete');
    await slider.fill('2');
    expect(await page.locator('#step').textContent()).toBe(`step 3 of ${timeline.length} · carrier.ringing → ringing`);
    expect(await activeStates(page, graph)).toEqual(['call.ringing']);
    expect(await page.locator('#picture g.edge.cl-taken').count()).toBe(1);
    expect(await page.locator('svg.ladder g.message').count()).toBe(7);
    expect(await page.locator('svg.ladder g.message.current').getAttribute('data-event')).toBe('carrier.ringing');
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('steps through a call of a SIP capture (--capture), beside its SIP ladder', async () => {
    const graph = callMachineGraph();
    const capture = 'examples/captures/callee-bye.pcapng';
    const { page, requests, problems } = await visit('capture.html', ['--capture', capture]);
    const found = await captureLadder(createReadStream(join(ROOT, capture)), {
      messages: [{ id: 'message', durationMs: 30_000 }],
    });
    const timeline = found.call?.kind === 'record' ? found.call.record.timeline : [];
    const ringing = timeline.findIndex((step) => step.state === 'ringing');
    expect(await page.locator('#timeline').getAttribute('max')).toBe(String(timeline.length - 1));
    await page.locator('#timeline').fill(String(ringing));
    expect(await activeStates(page, graph)).toEqual(['call.ringing']);
    // One arrow per SIP message; the 180 is the one at the time the call started ringing.
    expect(await page.locator('svg.ladder g.message').count()).toBe(found.ladder?.messages.length);
    const current = page.locator('svg.ladder g.message.current');
    expect(await current.count()).toBe(1);
    expect(await current.textContent()).toContain('180 Ringing → carrier.ringing');
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('steps any machine whose events need no payload (--machine), with its history state', async () => {
    const graph = machineGraph(playerMachine);
    const { page, problems } = await visit('player.html', ['--machine', './examples/machines/nested.js#playerMachine']);
    expect(await page.locator('#state').textContent()).toBe('stopped');
    for (const event of ['PLAY', 'FAST_FORWARD', 'SUSPEND', 'RESUME'])
      await page.click(`button.event[data-event="${event}"]`);
    expect(await page.locator('#state').textContent()).toBe('active.playing.fast');
    // The root is the picture itself, not an element of it.
    expect(await activeStates(page, graph)).toEqual([
      'player.active',
      'player.active.playing',
      'player.active.playing.fast',
    ]);
    expect(problems).toEqual([]);
  });
});
