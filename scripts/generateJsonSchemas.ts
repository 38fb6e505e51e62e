// Writes dist/schemas/{workflow,agent,processor}.schema.json (the full schemas, for any JSON Schema tool) and
// dist/schemas/{…}.editor.schema.json (completion and hover only, for the extension's `jsonValidation`) from
// the zod artifact schemas. Run by `npm run build` before bundling.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactEditorJsonSchema, artifactJsonSchema } from '../core/artifacts/artifactJsonSchema';
import { artifactKinds } from '../core/artifacts/artifactKind';

const outDir = join('dist', 'schemas');
mkdirSync(outDir, { recursive: true });
for (const kind of artifactKinds) {
  writeFileSync(join(outDir, `${kind}.schema.json`), `${JSON.stringify(artifactJsonSchema(kind), null, 2)}\n`);
  writeFileSync(join(outDir, `${kind}.editor.schema.json`), `${JSON.stringify(artifactEditorJsonSchema(kind), null, 2)}\n`);
}
console.log(`JSON Schemas written to ${outDir}`);
