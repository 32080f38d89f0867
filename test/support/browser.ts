import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; playwright's own browser download cannot work without a network. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when they can. `.ci/run` installs Chromium. */
export function browserUnavailableReason(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

/**
 * Starts headless Chromium with the flags this closed network needs (no background networking,
 * no component updates). Playwright gives every launch a fresh temporary profile itself (it refuses a
 * `--user-data-dir` argument).
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page and everything it did while open: every request it tried, every error it showed. */
export interface WatchedPage {
  readonly page: Page;
  readonly requests: string[];
  readonly problems: string[];
}

/**
 * Opens `url` in a new page that records every request (refusing all but those `allowed` lets
 * through, so a page that tries to reach elsewhere cannot succeed even by mistake), console errors,
 * page errors, alerts and failed requests.
 */
export async function openWatched(
  browser: Browser,
  url: string,
  options: { allowed: (url: string) => boolean; viewport?: { width: number; height: number } },
): Promise<WatchedPage> {
  const page = await browser.newPage(options.viewport === undefined ? {} : { viewport: options.viewport });
  const requests: string[] = [];
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    requests.push(requested);
    return options.allowed(requested) ? route.continue() : route.abort();
  });
  page.on('console', (message) => void (message.type() === 'error' && problems.push(`console: ${message.text()}`)));
  page.on('pageerror', (error) => void problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('requestfailed', (request) => {
    if (options.allowed(request.url())) problems.push(`request failed: ${request.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, problems };
}
