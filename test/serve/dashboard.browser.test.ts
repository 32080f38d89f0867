import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/serve/node/server.js';
import { browserUnavailableReason, launchBrowser, openWatched } from '../support/browser.js';
import { BUSY_CALLS } from './fixtures.js';
import { signedPost, startTestServer, testSecrets } from './support.js';

const unavailable = browserUnavailableReason();
if (unavailable !== null) console.warn(`skipping the dashboard browser test: ${unavailable}`);

describe.skipIf(unavailable !== null)('the dashboard in headless Chromium', () => {
  const secrets = testSecrets();
  let browser: Browser;
  let server: RunningServer;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ server, stop } = await startTestServer({ secrets }));
  });
  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });

  async function endCall(provider: 'twilio' | 'vonage') {
    for (const callback of BUSY_CALLS[provider]) {
      const url = `${server.url}/webhooks/${provider}`;
      const { body, headers } = signedPost(provider, callback, url, secrets);
      expect((await fetch(url, { method: 'POST', body, headers })).status).toBe(200);
    }
  }

  it('shows outcome counts and the weighted diagram, updates as calls end, asks nothing of any other host', async () => {
    await endCall('twilio');
    const origin = new URL(server.url).origin;
    const { page, requests, problems } = await openWatched(browser, `${server.url}/#token=${secrets.token}`, {
      allowed: (url) => url.startsWith(origin),
    });

    const total = page.locator('#total');
    await expect.poll(() => total.textContent(), { timeout: 20_000 }).toBe('1');
    expect(await page.locator('#outcomes').innerText()).toMatch(/ABSENT\s+BUSY\s+1/);
    // Another call ends while the page is open: the page hears it over SSE.
    await endCall('vonage');
    await expect.poll(() => total.textContent(), { timeout: 20_000 }).toBe('2');
    expect(await page.locator('#outcomes').innerText()).toMatch(/ABSENT\s+BUSY\s+2/);
    const diagram = page.locator('#diagram');
    await expect
      .poll(
        async () =>
          diagram.evaluate((element) => {
            const image = element as unknown as { complete: boolean; naturalWidth: number };
            return image.complete && image.naturalWidth > 0;
          }),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    expect(await page.locator('#status').textContent()).toBe('live: updating as calls end');
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
    const svg = await (await fetch(`${server.url}/dashboard/diagram.svg?access_token=${secrets.token}`)).text();
    expect(svg).toContain('×2');
    await page.close();
  });
});
