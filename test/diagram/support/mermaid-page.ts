import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser.js';

/** What mermaid made of a text: the SVG and its visible text, or the parse error. */
export type MermaidRender =
  | { readonly ok: true; readonly svg: string; readonly text: string }
  | { readonly ok: false; readonly error: string };

/**
 * One headless Chromium page with the real mermaid loaded from node_modules (no network), reused
 * by every render of a test file.
 */
export class MermaidPage {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async open(): Promise<MermaidPage> {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    const script = await readFile(
      resolve(import.meta.dirname, '../../../node_modules/mermaid/dist/mermaid.min.js'),
      'utf8',
    );
    await page.addScriptTag({ content: script });
    await page.evaluate(() => {
      (globalThis as unknown as { mermaid: { initialize: (config: object) => void } }).mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
      });
    });
    return new MermaidPage(browser, page);
  }

  /** Parses and renders `text`; the rendered SVG stays in the page for screenshots. */
  async render(text: string): Promise<MermaidRender> {
    return this.page.evaluate(async (source) => {
      // Runs in the page; typed loosely because this project compiles without the DOM library.
      const page = globalThis as unknown as {
        mermaid: { render: (id: string, text: string) => Promise<{ svg: string }> };
        document: { getElementById: (id: string) => { innerHTML: string; textContent: string | null } };
      };
      const out = page.document.getElementById('out');
      try {
        const { svg } = await page.mermaid.render(`d${Date.now()}`, source);
        out.innerHTML = svg;
        return { ok: true as const, svg, text: out.textContent ?? '' };
      } catch (error) {
        return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
      }
    }, text);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
