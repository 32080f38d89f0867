// `npm run bench`: runs every bench/*.bench.ts (compiled to dist/bench) in turn. Each prints its
// figures as ratios against a baseline measured in the same run, never as bare timings to trust.
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = (await readdir(here))
  .filter((file) => file.endsWith('.bench.js') && (only === undefined || file.includes(only)))
  .sort();
for (const file of benches) {
  console.log(`\n## ${file.replace(/\.bench\.js$/, '')}\n`);
  await import(pathToFileURL(`${here}/${file}`).href);
}
