import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callMachineGraph, traceTitle } from '../diagram/call-machine.js';
import { callLadder } from '../diagram/ladder.js';
import { ladderToSvg } from '../diagram/ladder-svg.js';
import { explorerHtml } from '../diagram/node/explorer.js';
import { pathFromTimeline } from '../diagram/path.js';
import { callMachine } from '../../machines/call.machine.js';
import { runScenario } from '../scenario/run.js';
import { captureLadder } from '../sip/capture-ladder.js';
import { GENERATED_HEADER, type GeneratedDoc } from './generated.js';

const root = resolve(
  dirname(fileURLToPath(import.meta.url)),
  fileURLToPath(import.meta.url).includes('/dist/src/') ? '../../..' : '../..',
);

/** The call the docs' screenshots show: a voicemail answers, the machine leaves both messages. */
const SCENARIO = 'examples/voicemail-complete.json';

/** The SIP capture whose ladder the docs show: SIPp's call, answered, then the callee hangs up. */
const CAPTURE = 'examples/captures/callee-bye.pcapng';

/** One screenshot of docs/: the page to load, what to do on it, and what to capture. */
export interface Screenshot {
  readonly png: string;
  readonly viewport: { readonly width: number; readonly height: number };
  /** The page, as `diagram --format html` (or `--ladder --format svg`) writes it. */
  readonly page: () => Promise<string>;
  /** What the page's look depends on, without the bundled script (whose bytes differ between the sources and dist). */
  readonly inputs: () => Promise<string>;
  /** A CSS selector to capture (the whole viewport when absent). */
  readonly element?: string;
  /** Clicks and slider moves before the capture, as `[selector, value?]`. */
  readonly steps: readonly (readonly [string, string?])[];
}

async function scenarioParts() {
  const scenario = JSON.parse(await readFile(resolve(root, SCENARIO), 'utf8'));
  const result = runScenario(scenario);
  if (!result.ok) throw new Error(`bug: ${SCENARIO} does not replay`);
  const graph = callMachineGraph();
  return {
    graph,
    record: result.record,
    steps: pathFromTimeline(callMachine, result.record.timeline, graph).steps,
    ladderSvg: ladderToSvg(callLadder(result.record, scenario.events)),
    input: scenario.call,
  };
}

/** The capture's ladder as `diagram --ladder --capture … --format svg` draws it (with the default message length). */
async function captureLadderSvg(): Promise<string> {
  const found = await captureLadder(createReadStream(resolve(root, CAPTURE)), {
    messages: [{ id: 'message', durationMs: 30_000 }],
  });
  if (found.ladder === null) throw new Error(`bug: ${CAPTURE} has no ladder`);
  return ladderToSvg(found.ladder);
}

/** The explorer's own sources: a change to how the page behaves makes its screenshot stale. */
async function explorerSources(): Promise<string> {
  const files = ['data.ts', 'dom.ts', 'page.ts', 'pan-zoom.ts', 'runtime.ts', 'build-data.ts'];
  return (await Promise.all(files.map((file) => readFile(resolve(root, 'src/diagram/explorer', file), 'utf8')))).join(
    '\n',
  );
}

export const SCREENSHOTS: readonly Screenshot[] = [
  {
    png: 'docs/explorer.png',
    viewport: { width: 1400, height: 820 },
    page: async () => {
      const parts = await scenarioParts();
      return explorerHtml(
        parts.graph,
        { kind: 'call', input: parts.input },
        {
          title: traceTitle(parts.record),
          steps: parts.steps,
          ladderSvg: parts.ladderSvg,
        },
      );
    },
    inputs: async () => {
      const parts = await scenarioParts();
      return JSON.stringify([
        parts.graph,
        parts.steps,
        parts.ladderSvg,
        traceTitle(parts.record),
        await explorerSources(),
      ]);
    },
    // The recorded call at the voicemail's beep, with `detecting` selected.
    steps: [['#timeline', '7'], ['#picture g.node:has(title:text-is("call.connected.detecting"))']],
  },
  {
    png: 'docs/ladder.png',
    viewport: { width: 1240, height: 600 },
    page: async () =>
      `<!doctype html><meta charset="utf-8"><body style="margin:0">${(await scenarioParts()).ladderSvg}</body>`,
    inputs: async () => (await scenarioParts()).ladderSvg,
    element: 'svg.ladder',
    steps: [],
  },
  {
    png: 'docs/ladder-sip.png',
    viewport: { width: 1240, height: 480 },
    page: async () => `<!doctype html><meta charset="utf-8"><body style="margin:0">${await captureLadderSvg()}</body>`,
    inputs: captureLadderSvg,
    element: 'svg.ladder',
    steps: [],
  },
];

/** SHA-256 of what a screenshot shows: the manifest `npm run docs` compares to decide what to retake. */
export async function screenshotDigest(shot: Screenshot): Promise<string> {
  return createHash('sha256')
    .update(JSON.stringify([shot.viewport, shot.element ?? null, shot.steps]))
    .update(await shot.inputs())
    .digest('hex');
}

/**
 * docs/screenshots.md: each screenshot with the digest of its inputs. PNG bytes differ from one
 * machine's Chromium and fonts to another's, so staleness is judged on the inputs: when this file
 * is stale, `npm run docs` retakes the screenshots whose digest changed.
 */
export const screenshotsDoc: GeneratedDoc = {
  path: 'docs/screenshots.md',
  render: async () => {
    const rows = await Promise.all(
      SCREENSHOTS.map(async (shot) => `| \`${shot.png}\` | \`${await screenshotDigest(shot)}\` |`),
    );
    return `${GENERATED_HEADER}

# Screenshots of the docs

\`npm run docs\` takes these screenshots in headless Chromium (Debian's \`chromium\`) from the pages
\`call-lifecycle diagram\` writes for \`${SCENARIO}\` and the capture \`${CAPTURE}\`. Pixels differ between machines (fonts,
Chromium versions), so a screenshot is stale when what it shows changed, not when its bytes do:
each row is the SHA-256 of the page's inputs (the graph, the recorded steps, the ladder, the
explorer's own sources, the viewport and the clicks). \`test/docs/staleness.test.ts\` fails when a
digest here is out of date; \`npm run docs\` then retakes the screenshots whose digest changed.

| screenshot | digest of its inputs |
| --- | --- |
${rows.join('\n')}
`;
  },
};
