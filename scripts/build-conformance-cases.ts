/**
 * Writes the conformance cases (`test/conformance/cases/<case>/template.docx` and `record.json`)
 * from their definitions in `test/conformance/case-templates.ts`. Rebuilding changes no byte
 * unless a definition changed, and a test fails when the committed files are out of date.
 *
 * Run: npx tsx scripts/build-conformance-cases.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildCase, CASES, recordText } from '../test/conformance/case-templates';

const CASES_DIR = join(__dirname, '..', 'test', 'conformance', 'cases');

// Cases removed from the definitions must not linger in the folder.
rmSync(CASES_DIR, { recursive: true, force: true });

for (const definition of CASES) {
  const built = buildCase(definition);
  const folder = join(CASES_DIR, built.name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'template.docx'), built.template);
  writeFileSync(join(folder, 'record.json'), recordText(built.record));
}
console.log(`${CASES.length} cas écrits dans ${CASES_DIR}`);
