// `npm run docs`: writes every generated document, then retakes the screenshots whose inputs changed. Node-only.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_DOCS } from './registry.js';
import { readManifest, retakeScreenshots } from './take-screenshots.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const previousManifest = await readManifest(root);

for (const doc of GENERATED_DOCS) {
  const target = resolve(root, doc.path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, await doc.render());
  console.log(`wrote ${doc.path}`);
}
for (const png of await retakeScreenshots(root, previousManifest)) console.log(`wrote ${png}`);
