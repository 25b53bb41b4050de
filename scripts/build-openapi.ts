/**
 * Writes openapi/opisto-api.json from the contract's zod schemas:
 * `npx tsx scripts/build-openapi.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildOpenApiDocument } from '../src/api/openapi';

const file = join(__dirname, '..', 'openapi', 'opisto-api.json');
writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`Wrote ${file}`);
