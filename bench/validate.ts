// Validation speed on a 5,000-node workflow: our full validation (parse with ranges, schema, graph rules)
// against vscode-json-languageservice (parse + JSON Schema validation with our generated schema: what VS Code
// itself would do, schema only). Prints both medians and the ratio.
import { cpus, loadavg } from 'node:os';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { artifactJsonSchema } from '../core/artifacts/artifactJsonSchema';
import { validateArtifactText } from '../core/validation/validateArtifactText';
import { largeWorkflowText } from './largeWorkflow';

const warmups = 5;
const rounds = 21;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Medians of two contenders measured in alternation (the order flips every round), so load from other work
 * on a shared machine falls on both alike.
 */
async function compare(baseline: () => unknown, ours: () => unknown): Promise<[number, number]> {
  for (let i = 0; i < warmups; i++) {
    await baseline();
    await ours();
  }
  const samples: [number[], number[]] = [[], []];
  const contenders = [baseline, ours];
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const start = performance.now();
      await contenders[which]?.();
      samples[which as 0 | 1].push(performance.now() - start);
    }
  }
  return [median(samples[0]), median(samples[1])];
}

async function main(): Promise<void> {
  const text = largeWorkflowText();
  const uri = 'file:///workflows/claims-bulk.json';
  const service = getLanguageService({});
  service.configure({
    validate: true,
    allowComments: true,
    schemas: [{ uri: 'forge://schemas/workflow', fileMatch: ['*.json'], schema: artifactJsonSchema('workflow') }],
  });
  const document = TextDocument.create(uri, 'json', 1, text);
  const baseline = async () => service.doValidation(document, service.parseJSONDocument(document), { schemaValidation: 'error' });
  const ours = () => validateArtifactText(text, 'workflows/claims-bulk.json');

  const baselineProblems = await baseline();
  const ourProblems = ours().diagnostics;
  if (baselineProblems.length > 0 || ourProblems.length > 0) {
    throw new Error(
      `benchmark document must be valid: language service ${baselineProblems.length}, ours ${ourProblems.length} (${JSON.stringify(ourProblems[0] ?? baselineProblems[0])})`,
    );
  }

  // The same document with problems spread through it, so ranges have to be computed.
  const broken = text
    .replace('"b100_classify"', '"b100_clasify"')
    .replace('"dependencies": [\n            "b120_check"', '"dependencies": [\n            "b120_chek"')
    .replace('"top_k": 5', '"top_k": 500');
  const brokenDocument = TextDocument.create(uri, 'json', 2, broken);
  const brokenBaseline = async () => service.doValidation(brokenDocument, service.parseJSONDocument(brokenDocument), { schemaValidation: 'error' });
  const brokenOurs = () => validateArtifactText(broken, 'workflows/claims-bulk.json');

  // The same workflow as Marie-AI exports it: every unset optional field written as null.
  const marieText = largeWorkflowText({ unsetAsNull: true });
  const marieDocument = TextDocument.create(uri, 'json', 3, marieText);
  const marieBaseline = async () => service.doValidation(marieDocument, service.parseJSONDocument(marieDocument), { schemaValidation: 'error' });
  const marieOurs = () => validateArtifactText(marieText, 'workflows/claims-bulk.json');
  const marieProblems = [(await marieBaseline()).length, marieOurs().diagnostics.length];
  if (marieProblems.some((count) => count > 0)) throw new Error(`the Marie-style document must be valid: language service ${marieProblems[0]}, ours ${marieProblems[1]}`);

  const size = `${(text.length / 1024 / 1024).toFixed(2)} MB`;
  console.log(
    `5,000-node workflow (${size}), ${cpus().length} cores, medians of ${rounds} alternating runs after ${warmups} warm-ups, load average ${loadavg()[0]?.toFixed(1)}`,
  );
  const [baselineMs, oursMs] = await compare(baseline, ours);
  console.log(
    `valid document      language service (schema only): ${baselineMs.toFixed(1)} ms   ours (full): ${oursMs.toFixed(1)} ms   ratio ${(baselineMs / oursMs).toFixed(2)}×`,
  );
  const [brokenBaselineMs, brokenOursMs] = await compare(brokenBaseline, brokenOurs);
  console.log(
    `with ${brokenOurs().diagnostics.length} problems      language service (schema only): ${brokenBaselineMs.toFixed(1)} ms   ours (full): ${brokenOursMs.toFixed(1)} ms   ratio ${(brokenBaselineMs / brokenOursMs).toFixed(2)}×`,
  );
  const [marieBaselineMs, marieOursMs] = await compare(marieBaseline, marieOurs);
  console.log(
    `unset fields as null language service (schema only): ${marieBaselineMs.toFixed(1)} ms   ours (full): ${marieOursMs.toFixed(1)} ms   ratio ${(marieBaselineMs / marieOursMs).toFixed(2)}× (${(marieText.length / 1024 / 1024).toFixed(2)} MB, as Marie-AI writes it)`,
  );
  if (baselineMs / oursMs < 2 || marieBaselineMs / marieOursMs < 2) {
    console.error('ours is less than 2× faster than the schema-only baseline');
    process.exitCode = 1;
  }
}

void main();
