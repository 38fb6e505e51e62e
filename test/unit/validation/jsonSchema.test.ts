import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { artifactEditorJsonSchema, artifactJsonSchema } from '../../../core/artifacts/artifactJsonSchema';
import { artifactKinds } from '../../../core/artifacts/artifactKind';

const example = readFileSync(join(__dirname, 'fixtures', 'claimsIntake.json'), 'utf8');

type Kind = (typeof artifactKinds)[number];

/** VS Code's JSON support for `text` (as JSON with Comments) against a schema. */
function languageService(schema: Record<string, unknown>, text: string) {
  const service = getLanguageService({});
  service.configure({ validate: true, schemas: [{ uri: 'forge://schemas/artifact', fileMatch: ['*.json'], schema }] });
  const document = TextDocument.create('file:///artifact.json', 'jsonc', 1, text);
  return { service, document, json: service.parseJSONDocument(document) };
}

/** What VS Code's JSON support reports for `text` against the generated schema of `kind`. */
async function languageServiceProblems(kind: Kind, text: string, schema = artifactJsonSchema(kind)): Promise<string[]> {
  const { service, document, json } = languageService(schema, text);
  const problems = await service.doValidation(document, json, { schemaValidation: 'error', trailingCommas: 'error' });
  return problems.map((p) => (typeof p.message === 'string' ? p.message : p.message.value));
}

/** Completion labels at the first occurrence of `marker` (which is removed from the text). */
async function completionsAt(schema: Record<string, unknown>, textWithMarker: string, marker = '|'): Promise<string[]> {
  const offset = textWithMarker.indexOf(marker);
  const { service, document, json } = languageService(schema, textWithMarker.replace(marker, ''));
  const list = await service.doComplete(document, document.positionAt(offset), json);
  return (list?.items ?? []).map((item) => item.label.replace(/"/g, ''));
}

async function hoverAt(schema: Record<string, unknown>, text: string, at: string): Promise<string> {
  const { service, document, json } = languageService(schema, text);
  const hover = await service.doHover(document, document.positionAt(text.indexOf(at) + 1), json);
  const contents = hover?.contents;
  return Array.isArray(contents)
    ? contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n')
    : typeof contents === 'string'
      ? contents
      : (contents?.value ?? '');
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
    const withoutModel = example.replace(
      '"model_name": "qwen_v2_5_vl", "params": {"layout": "claims"}}},\n  {"task_id": "route"',
      '"params": {"layout": "claims"}}},\n  {"task_id": "route"',
    );
    assert.notEqual(withoutModel, example);
    assert.ok((await languageServiceProblems('workflow', withoutModel)).length > 0);
  });

  it('describes agents and processors', async () => {
    const agent = JSON.stringify({ kind: 'agent', name: 'helper', spec: { model: { connection: 'c', name: 'n', temperature: 3 }, system_prompt: 's' } });
    assert.equal((await languageServiceProblems('agent', agent)).length, 1);
    const processor = JSON.stringify({ kind: 'processor', name: 'forms', spec: { processor_type: 'splitter', endpoint: 'split_executor://pages' } });
    assert.deepEqual(await languageServiceProblems('processor', processor), []);
  });

  it('the full schema follows the validator: null for optional fields, unknown keys, the category', async () => {
    const marie = JSON.parse(example) as { category?: unknown; spec: { plan: { nodes: Array<Record<string, any>> } } } & Record<string, unknown>;
    marie.category = 'claims';
    marie.tags = null;
    const route = marie.spec.plan.nodes.find((node) => node.task_id === 'route');
    for (const path of route?.definition.paths ?? []) path.condition_function = null;
    route!.colour = 'red';
    assert.deepEqual(await languageServiceProblems('workflow', JSON.stringify(marie)), []);
    assert.equal((await languageServiceProblems('workflow', JSON.stringify({ ...marie, category: 7 }))).length, 1);
    assert.equal((await languageServiceProblems('workflow', JSON.stringify({ ...marie, name: null }))).length, 1);
  });

  it('the editor schema reports nothing (the validator does) but completes and explains like the full one', async () => {
    for (const kind of artifactKinds) {
      const schema = artifactEditorJsonSchema(kind);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(schema.title, `Forge Releases ${kind} artifact`);
    }
    const schema = artifactEditorJsonSchema('workflow');
    const broken = example.replace('"node_type": "EXTRACTOR"', '"node_type": "EXTRACT"').replace('"name": "claims-intake"', '"name": 7, "colour": "red"');
    assert.ok((await languageServiceProblems('workflow', broken)).length >= 2);
    assert.deepEqual(await languageServiceProblems('workflow', broken, schema), []);
    // Comments and trailing commas are left to the validator as well; other syntax errors are still the editor's.
    assert.deepEqual(await languageServiceProblems('workflow', '{"kind": "workflow", // c\n "spec": {},}', schema), []);

    const nodeTypes = await completionsAt(schema, example.replace('"node_type": "EXTRACTOR"', '"node_type": |'));
    for (const nodeType of ['EXTRACTOR', 'SEGMENTER', 'COMPUTE', 'MERGER', 'BRANCH', 'SWITCH', 'GUARDRAIL'])
      assert.ok(nodeTypes.includes(nodeType), `${nodeType} in ${nodeTypes.join(', ')}`);
    // Keys of the definition's own method: an LLM definition offers model_name, not branch keys.
    const llmKeys = await completionsAt(
      schema,
      example.replace(
        '"model_name": "qwen_v2_5_vl", "params": {"layout": "claims"}}},\n  {"task_id": "route"',
        '|"params": {"layout": "claims"}}},\n  {"task_id": "route"',
      ),
    );
    assert.ok(llmKeys.includes('model_name'), llmKeys.join(', '));
    assert.ok(!llmKeys.includes('evaluation_mode'), llmKeys.join(', '));
    const envelopeKeys = await completionsAt(
      schema,
      example.replace('"description": "Classify and extract claim forms",', '"description": "Classify and extract claim forms", |'),
    );
    assert.ok(envelopeKeys.includes('category') && envelopeKeys.includes('tags'), envelopeKeys.join(', '));
    assert.match(await hoverAt(schema, example, '"model_name"'), /Model the LLM executor loads/);
    assert.match(
      await hoverAt(schema, example.replace('"description": "Classify', '"category": "claims", "description": "Classify'), '"category"'),
      /Category the Marie\\?-AI planner registry lists/,
    );
  });
});
