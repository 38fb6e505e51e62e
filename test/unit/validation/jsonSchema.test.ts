import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { artifactJsonSchema } from '../../../core/artifacts/artifactJsonSchema';
import { artifactKinds } from '../../../core/artifacts/artifactKind';

const example = readFileSync(join(__dirname, 'fixtures', 'claimsIntake.json'), 'utf8');

/** What VS Code's JSON support reports for `text` against the generated schema of `kind`. */
async function languageServiceProblems(kind: (typeof artifactKinds)[number], text: string): Promise<string[]> {
  const service = getLanguageService({});
  service.configure({ validate: true, schemas: [{ uri: `forge://schemas/${kind}`, fileMatch: ['*.json'], schema: artifactJsonSchema(kind) }] });
  const document = TextDocument.create('file:///artifact.json', 'json', 1, text);
  const problems = await service.doValidation(document, service.parseJSONDocument(document), { schemaValidation: 'error' });
  return problems.map((p) => (typeof p.message === 'string' ? p.message : p.message.value));
}

describe('generated JSON Schema', () => {
  it('is draft-07 with a title, for each kind', () => {
    for (const kind of artifactKinds) {
      const schema = artifactJsonSchema(kind);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(schema.title, `Forge Releases ${kind} artifact`);
      assert.deepEqual((schema.properties as { kind: unknown }).kind, { type: 'string', const: kind });
    }
  });

  it('accepts the DAG.md example and rejects what the zod schema rejects', async () => {
    assert.deepEqual(await languageServiceProblems('workflow', example), []);
    const badNodeType = await languageServiceProblems('workflow', example.replace('"node_type": "EXTRACTOR"', '"node_type": "EXTRACT"'));
    assert.equal(badNodeType.length, 1);
    assert.match(badNodeType[0] as string, /EXTRACTOR/);
    const withoutModel = example.replace('"model_name": "qwen_v2_5_vl", "params": {"layout": "claims"}}},\n  {"task_id": "route"', '"params": {"layout": "claims"}}},\n  {"task_id": "route"');
    assert.notEqual(withoutModel, example);
    assert.ok((await languageServiceProblems('workflow', withoutModel)).length > 0);
  });

  it('describes agents and processors', async () => {
    const agent = JSON.stringify({ kind: 'agent', name: 'helper', spec: { model: { connection: 'c', name: 'n', temperature: 3 }, system_prompt: 's' } });
    assert.equal((await languageServiceProblems('agent', agent)).length, 1);
    const processor = JSON.stringify({ kind: 'processor', name: 'forms', spec: { processor_type: 'splitter', endpoint: 'split_executor://pages' } });
    assert.deepEqual(await languageServiceProblems('processor', processor), []);
  });
});
