// Validation speed on a 5,000-node workflow: our full validation (parse with ranges, schema, graph rules)
// against vscode-json-languageservice (parse + JSON Schema validation with our generated schema: what VS Code
// itself would do, schema only). Prints both medians and the ratio.
import { cpus } from 'node:os';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { artifactJsonSchema } from '../core/artifacts/artifactJsonSchema';
import { validateArtifactText } from '../core/validation/validateArtifactText';

const blocks = 250; // 20 nodes each
const warmups = 5;
const rounds = 15;

/**
 * One 20-node stage shaped like a real claims pipeline: classify → branch → two extractors → merge → a chain
 * of field steps → search → guardrail → publish | human review → archive. Mostly plain compute nodes, with
 * a branch, a merger, a guardrail and a HITL node so every rule has work to do.
 */
function block(index: number, previous: string | undefined): object[] {
  const id = (name: string) => `b${index}_${name}`;
  const node = (name: string, deps: string[], nodeType: string, definition: object) => ({
    task_id: id(name),
    query_str: `${index}: ${name}`,
    dependencies: deps,
    node_type: nodeType,
    definition,
  });
  const llm = { method: 'LLM', endpoint: 'extract', model_name: 'qwen_v2_5_vl', params: { layout: 'claims' } };
  const executor = (endpoint: string) => ({ method: 'EXECUTOR_ENDPOINT', endpoint });
  const python = { method: 'PYTHON_FUNCTION', endpoint: 'claims.fields.normalize', params: { layout: 'claims' } };
  const steps = ['dates', 'amounts', 'provider', 'patient', 'codes', 'totals', 'signature', 'attachments'];
  return [
    node('classify', previous ? [previous] : [], 'COMPUTE', llm),
    node('route', [id('classify')], 'BRANCH', {
      method: 'BRANCH',
      evaluation_mode: 'first_match',
      default_path_id: 'generic',
      paths: [
        {
          path_id: 'medical',
          priority: 2,
          target_node_ids: [id('medical')],
          condition: { jsonpath: `$.nodes.${id('classify')}.output.forms[?(@.type == 'cms1500')]`, operator: 'exists' },
        },
        { path_id: 'generic', priority: 1, target_node_ids: [id('generic')] },
      ],
    }),
    node('medical', [id('route')], 'EXTRACTOR', llm),
    node('generic', [id('route')], 'COMPUTE', executor('extract_executor://document/extract')),
    node('merge', [id('medical'), id('generic')], 'MERGER', { method: 'MERGER_ENHANCED', merge_strategy: 'wait_all_active' }),
    node('normalize', [id('merge')], 'COMPUTE', python),
    node('segment', [id('normalize')], 'SEGMENTER', llm),
    ...steps.map((step, i) => node(step, [i === 0 ? id('segment') : id(steps[i - 1] as string)], 'EXTRACTOR', i % 2 === 0 ? llm : python)),
    node('enrich', [id(steps[steps.length - 1] as string)], 'COMPUTE', { method: 'RAG_SEARCH', top_k: 5 }),
    node('check', [id('enrich')], 'GUARDRAIL', {
      method: 'GUARDRAIL',
      input_source: `$.nodes.${id('enrich')}.output`,
      metrics: [{ type: 'json_schema', name: 'Output schema', threshold: 1 }],
      paths: [
        { path_id: 'pass', target_node_ids: [id('publish')] },
        { path_id: 'fail', target_node_ids: [id('review')] },
      ],
    }),
    node('publish', [id('check')], 'COMPUTE', executor('export_executor://results/publish')),
    node('review', [id('check')], 'COMPUTE', {
      method: 'HITL_APPROVAL',
      title: 'Review extracted claim',
      timeout: { enabled: true, duration_seconds: 86400 },
    }),
    node('archive', [id('publish')], 'COMPUTE', executor('archive_executor://results/store')),
  ];
}

/** A valid 5,000-node workflow, pretty-printed like a checked-in file. */
export function largeWorkflowText(): string {
  const nodes: object[] = [];
  for (let i = 0; i < blocks; i++) nodes.push(...block(i, i === 0 ? undefined : `b${i - 1}_archive`));
  const workflow = {
    kind: 'workflow',
    name: 'claims-bulk',
    description: 'Benchmark workflow',
    spec: { outputs: { [`b${blocks - 1}_archive`]: { type: 'object' } }, plan: { nodes } },
  };
  return JSON.stringify(workflow, null, 2);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function time(run: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmups; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const text = largeWorkflowText();
  const uri = 'file:///workflows/claims-bulk.json';
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: true, schemas: [{ uri: 'forge://schemas/workflow', fileMatch: ['*.json'], schema: artifactJsonSchema('workflow') }] });
  const document = TextDocument.create(uri, 'json', 1, text);
  const baseline = async () => service.doValidation(document, service.parseJSONDocument(document), { schemaValidation: 'error' });
  const ours = () => validateArtifactText(text, 'workflows/claims-bulk.json');

  const baselineProblems = await baseline();
  const ourProblems = ours().diagnostics;
  if (baselineProblems.length > 0 || ourProblems.length > 0) {
    throw new Error(`benchmark document must be valid: language service ${baselineProblems.length}, ours ${ourProblems.length} (${ourProblems[0]?.message ?? baselineProblems[0]?.message})`);
  }

  // The same document with problems spread through it, so ranges have to be computed.
  const broken = text
    .replace('"b100_classify"', '"b100_clasify"')
    .replace('"dependencies": [\n            "b120_check"', '"dependencies": [\n            "b120_chek"')
    .replace('"top_k": 5', '"top_k": 500');
  const brokenDocument = TextDocument.create(uri, 'json', 2, broken);
  const brokenBaseline = async () => service.doValidation(brokenDocument, service.parseJSONDocument(brokenDocument), { schemaValidation: 'error' });
  const brokenOurs = () => validateArtifactText(broken, 'workflows/claims-bulk.json');

  const size = `${(text.length / 1024 / 1024).toFixed(2)} MB`;
  console.log(`5,000-node workflow (${size}), ${cpus().length} cores, medians of ${rounds} runs after ${warmups} warm-ups`);
  const baselineMs = await time(baseline);
  const oursMs = await time(ours);
  console.log(`valid document      language service (schema only): ${baselineMs.toFixed(1)} ms   ours (full): ${oursMs.toFixed(1)} ms   ratio ${(baselineMs / oursMs).toFixed(2)}×`);
  const brokenBaselineMs = await time(brokenBaseline);
  const brokenOursMs = await time(brokenOurs);
  console.log(
    `with ${brokenOurs().diagnostics.length} problems      language service (schema only): ${brokenBaselineMs.toFixed(1)} ms   ours (full): ${brokenOursMs.toFixed(1)} ms   ratio ${(brokenBaselineMs / brokenOursMs).toFixed(2)}×`,
  );
  if (baselineMs / oursMs < 2) {
    console.error('ours is less than 2× faster than the schema-only baseline');
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
