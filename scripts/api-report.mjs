// `npm run api` regenerates etc/<entry>.api.md, the reviewed record of each public entry point;
// `npm run api -- --check` (run by `npm test`) fails when the built API differs from the record.
// API Extractor reads the .d.ts files of the build (dist/), with the TypeScript it bundles.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
mkdirSync(join(root, 'etc'), { recursive: true });

let failed = false;
for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (typeof target === 'string') continue; // ./package.json
  const name = subpath === '.' ? 'call-lifecycle' : `call-lifecycle-${subpath.slice(2)}`;
  const config = ExtractorConfig.prepare({
    packageJsonFullPath: join(root, 'package.json'),
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(root, target.types),
      compiler: { tsconfigFilePath: join(root, 'tsconfig.build.json'), skipLibCheck: true },
      apiReport: {
        enabled: true,
        reportFileName: `${name}.api.md`,
        reportFolder: join(root, 'etc'),
        // API Extractor's working copy of each report: in dist/, which git ignores.
        reportTempFolder: join(root, 'dist', 'api'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The report is the point; TSDoc style and forgotten-export notes are not failures here.
        extractorMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        compilerMessageReporting: { default: { logLevel: 'warning' } },
      },
    },
  });
  const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false });
  const report = join(root, 'etc', `${name}.api.md`);
  if (check && (!result.succeeded || result.apiReportChanged || !existsSync(report))) {
    console.error(`${subpath}: the public API differs from etc/${name}.api.md; run \`npm run api\` and review`);
    failed = true;
  } else if (!result.succeeded) {
    console.error(`${subpath}: API Extractor failed (${result.errorCount} errors)`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
