import { carriersDoc } from './carriers.js';
import type { GeneratedDoc } from './generated.js';
import { lifecycleDocs } from './lifecycle.js';
import { sampleReportDocs } from './sample-report.js';
import { screenshotsDoc } from './screenshot-pages.js';
import { statusesDoc } from './statuses.js';

/** Every generated file in docs/. Add a document here and `npm run docs` writes it, the tests check it. */
export const GENERATED_DOCS: readonly GeneratedDoc[] = [
  statusesDoc,
  ...lifecycleDocs,
  carriersDoc,
  ...sampleReportDocs,
  screenshotsDoc,
];
