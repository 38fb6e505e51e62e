// Writes dist/schemas/{workflow,agent,processor}.schema.json from the zod artifact schemas, for editors'
// `jsonValidation` and other JSON Schema tools. Run by `npm run build` before bundling.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactJsonSchema } from '../core/artifacts/artifactJsonSchema';
import { artifactKinds } from '../core/artifacts/artifactKind';

const outDir = join('dist', 'schemas');
mkdirSync(outDir, { recursive: true });
for (const kind of artifactKinds) {
  writeFileSync(join(outDir, `${kind}.schema.json`), `${JSON.stringify(artifactJsonSchema(kind), null, 2)}\n`);
}
console.log(`JSON Schemas written to ${outDir}`);
