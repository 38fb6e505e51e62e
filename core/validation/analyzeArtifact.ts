import type { z } from 'zod';
import { agentArtifactSchema } from '../artifacts/agentSchema';
import { type ArtifactKind, artifactKinds } from '../artifacts/artifactKind';
import { envelopeKeys, envelopeSchema } from '../artifacts/envelopeSchema';
import { processorArtifactSchema } from '../artifacts/processorSchema';
import { definitionHeaderSchema, workflowArtifactWith } from '../artifacts/workflowSchema';
import { asObject, field, isObject, type JsonObject } from '../json/jsonObject';
import { agentFindings } from './agentRules';
import type { JsonPath } from './diagnostic';
import type { Finding } from './finding';
import { processorFindings } from './processorRules';
import { checkAgainstSchema } from './schemaFindings';
import { ignoredByForge, unknownKeyFindings } from './unknownKeys';
import { workflowFindings } from './workflowRules';

/** A workflow node's `params.agent` / `params.processor`: a name another artifact must carry. */
export interface ArtifactReference {
  kind: 'agent' | 'processor';
  name: string;
  path: JsonPath;
}

export interface ArtifactAnalysis {
  /** Present when kind and name can be read, even if other parts are invalid. */
  artifact?: { kind: ArtifactKind; name: string; value: unknown };
  findings: Finding[];
  references: ArtifactReference[];
}

// Node definitions are checked per method by the workflow rules; the envelope pass only reads the method.
const validationSchemas: Record<ArtifactKind, z.ZodType> = {
  workflow: workflowArtifactWith(definitionHeaderSchema),
  agent: agentArtifactSchema,
  processor: processorArtifactSchema,
};

const kindSet: ReadonlySet<string> = new Set(artifactKinds);

/** Everything one parsed document says about itself: schema and kind rules, and what it references. */
export function analyzeArtifact(value: unknown): ArtifactAnalysis {
  if (!isObject(value)) {
    return {
      findings: [{ code: 'schema', message: 'an artifact must be a JSON object with "kind", "name" and "spec"', path: [] }],
      references: [],
    };
  }
  const kind = field(value, 'kind');
  const name = field(value, 'name');
  const known = typeof kind === 'string' && kindSet.has(kind) ? (kind as ArtifactKind) : undefined;
  const findings = checkAgainstSchema(known ? validationSchemas[known] : envelopeSchema, value, value);
  findings.push(...unknownKeyFindings(value, envelopeKeys, [], 'an artifact has no field', ignoredByForge));
  if (known === 'workflow') findings.push(...workflowFindings(value));
  if (known === 'agent') findings.push(...agentFindings(value));
  if (known === 'processor') findings.push(...processorFindings(value));
  const analysis: ArtifactAnalysis = { findings, references: known === 'workflow' ? referencesOf(value) : [] };
  if (known && typeof name === 'string') analysis.artifact = { kind: known, name, value };
  return analysis;
}

function referencesOf(workflow: JsonObject): ArtifactReference[] {
  const nodes = field(asObject(field(asObject(field(workflow, 'spec')), 'plan')), 'nodes');
  if (!Array.isArray(nodes)) return [];
  const references: ArtifactReference[] = [];
  nodes.forEach((node, index) => {
    const params = asObject(field(asObject(field(asObject(node), 'definition')), 'params'));
    for (const kind of ['agent', 'processor'] as const) {
      const name = field(params, kind);
      if (typeof name === 'string') {
        references.push({ kind, name, path: ['spec', 'plan', 'nodes', index, 'definition', 'params', kind] });
      }
    }
  });
  return references;
}
