import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCREENSHOTS, screenshotDigest } from './screenshot-pages.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Retakes the screenshots whose inputs changed since docs/screenshots.md was last written (or
 * whose PNG is missing), in headless Chromium driven by playwright-core (a dev dependency: only
 * `npm run docs` runs this). Returns the PNGs written.
 */
export async function retakeScreenshots(root: string, previousManifest: string): Promise<string[]> {
  const due = [];
  for (const shot of SCREENSHOTS) {
    const digest = await screenshotDigest(shot);
    if (!previousManifest.includes(digest) || !existsSync(resolve(root, shot.png))) due.push(shot);
  }
  if (due.length === 0) return [];
  if (!existsSync(CHROMIUM))
    throw new Error(`cannot retake ${due.map((shot) => shot.png).join(', ')}: no Chromium at ${CHROMIUM}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const directory = await mkdtemp(join(tmpdir(), 'call-lifecycle-screenshots-'));
  try {
    for (const shot of due) {
      const file = join(directory, 'page.html');
      await writeFile(file, await shot.page());
      const page = await browser.newPage({ viewport: shot.viewport });
      await page.route('**/*', (route) =>
        route.request().url() === pathToFileURL(file).href ? route.continue() : route.abort(),
      );
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      for (const [selector, value] of shot.steps) {
        if (value === undefined) await page.click(selector);
        else await page.locator(selector).fill(value);
      }
      const target = resolve(root, shot.png);
      if (shot.element === undefined) await page.screenshot({ path: target });
      else await page.locator(shot.element).screenshot({ path: target });
      await page.close();
    }
  } finally {
    await browser.close();
    await rm(directory, { recursive: true, force: true });
  }
  return due.map((shot) => shot.png);
}

/** The manifest as last written, or '' when there is none yet. */
export function readManifest(root: string): Promise<string> {
  return readFile(resolve(root, 'docs/screenshots.md'), 'utf8').catch(() => '');
}
