import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import { createReportBuilder, renderHtml } from '../../src/report/index.js';
import { type WatchedPage, browserUnavailableReason, launchBrowser, openWatched } from '../support/browser.js';
import { fixedReport } from './fixed-report.js';
import { sampleCampaign } from './sample-campaign.js';

const unavailable = browserUnavailableReason();
if (unavailable !== null) console.warn(`skipping the HTML report browser test: ${unavailable}`);

const HOSTILE = '<script>alert("owned")</script><img src=x onerror=alert(2)>';

describe.skipIf(unavailable !== null)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let directory: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    directory = await mkdtemp(join(tmpdir(), 'call-lifecycle-report-'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function visit(name: string, html: string): Promise<WatchedPage> {
    const file = join(directory, name);
    await writeFile(file, html);
    const url = pathToFileURL(file).href;
    return openWatched(browser, url, {
      allowed: (requested) => requested === url,
      viewport: { width: 1280, height: 900 },
    });
  }

  it('loads a campaign report with no console error and no request but itself, showing the diagram and the totals', async () => {
    const builder = createReportBuilder({ calls: 1500, channels: 20, seed: 42, profileName: 'default' });
    for (const record of sampleCampaign(1500, 20)) builder.add(record);
    const report = builder.finish({ partial: false });
    const { page, requests, problems } = await visit('report.html', await renderHtml(report));
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(join(directory, 'report.html')).href]);

    const diagram = page.locator('svg.lifecycle');
    await expect.poll(() => diagram.isVisible()).toBe(true);
    const labels = await diagram.locator('text').allTextContents();
    for (const node of callMachineGraph().nodes.slice(1)) expect(labels).toContain(node.key);
    expect(
      labels.some((label) =>
        label.includes(`×${report.transitions.find((t) => t.id === 'call.dialing/carrier.ringing/0')?.calls}`),
      ),
    ).toBe(true);

    const total = page.locator('#outcomes tr.total');
    expect(await total.isVisible()).toBe(true);
    expect((await total.innerText()).replace(/\s+/g, ' ').trim()).toBe('Total 1,500 100.0 %');
    for (const status of report.statuses) expect(await page.locator('#outcomes').innerText()).toContain(status.status);
    expect(await page.locator('svg.donut').isVisible()).toBe(true);
    expect(await page.locator('svg.occupancy').isVisible()).toBe(true);
    expect(await page.locator('.banner').count()).toBe(0);
    await page.screenshot({ path: join(tmpdir(), 'call-lifecycle-report.png'), fullPage: true });
  });

  it('fits the lifecycle diagram to the page at first sight, readable, with no blank scroll box', async () => {
    const builder = createReportBuilder({ calls: 1500, channels: 20, seed: 42, profileName: 'default' });
    for (const record of sampleCampaign(1500, 20)) builder.add(record);
    const { page, problems } = await visit('fit.html', await renderHtml(builder.finish({ partial: false })));
    const section = page.locator('#lifecycle');
    await section.scrollIntoViewIfNeeded();
    const diagram = await page.locator('svg.lifecycle').boundingBox();
    const box = await page.locator('.diagram-scroll').boundingBox();
    const viewport = page.viewportSize();
    if (diagram === null || box === null || viewport === null) throw new Error('the diagram is not laid out');
    // The whole picture is on the page: as wide as its box (no scrolling sideways) and no taller than the screen.
    expect(diagram.width).toBeLessThanOrEqual(viewport.width);
    expect(diagram.width).toBeGreaterThan(0.85 * box.width);
    expect(diagram.height).toBeLessThan(viewport.height);
    const overflow = await page.locator('.diagram-scroll').evaluate((element) => {
      const box = element as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth - box.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    // State names stay readable: their rendered text boxes are at least 7.5 px tall (11 pt scaled to fit).
    const heights = await page
      .locator('svg.lifecycle g.node text')
      .evaluateAll((texts) =>
        texts.map(
          (text) => (text as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height,
        ),
      );
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(7.5);
    await section.screenshot({ path: join(tmpdir(), 'call-lifecycle-report-diagram.png') });
    // At full size it scrolls instead, for the small print.
    await page.click('label[for="diagram-size"]');
    expect((await page.locator('svg.lifecycle').boundingBox())?.width).toBeGreaterThan(box.width);
    expect(problems).toEqual([]);
  });

  it('shows a partial report’s banner and a hostile profile name as plain text, running nothing', async () => {
    const { page, requests, problems } = await visit(
      'partial.html',
      await renderHtml(fixedReport({ partial: true, plannedCalls: 10, profileName: HOSTILE })),
    );
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(await page.locator('.banner').innerText()).toContain('PARTIAL');
    expect(await page.locator('header p').innerText()).toContain(HOSTILE);
    expect(await page.locator('script, img').count()).toBe(0);
    expect(await page.title()).toContain(HOSTILE);
  });
});
