import type { z } from 'zod';
import { branchDefinition, mergerDefinition, pythonBranchDefinition, switchDefinition } from './branchingDefinitions';
import { executorEndpointDefinition, llmDefinition, noopDefinition, pythonFunctionDefinition } from './computeDefinitions';
import { guardrailDefinition } from './guardrailDefinition';
import { hitlApprovalDefinition, hitlCorrectionDefinition, hitlRouterDefinition } from './hitlDefinitions';
import type { NodeType } from './nodeType';
import { contextCacheDefinition, ragDeleteDefinition, ragIngestDefinition, ragSearchDefinition } from './ragDefinitions';

/** Every `definition.method` with its definition schema (DAG.md §2 table). */
export const definitionSchemas = {
  NOOP: noopDefinition,
  LLM: llmDefinition,
  PYTHON_FUNCTION: pythonFunctionDefinition,
  EXECUTOR_ENDPOINT: executorEndpointDefinition,
  BRANCH: branchDefinition,
  PYTHON_BRANCH: pythonBranchDefinition,
  SWITCH: switchDefinition,
  MERGER_ENHANCED: mergerDefinition,
  GUARDRAIL: guardrailDefinition,
  HITL_APPROVAL: hitlApprovalDefinition,
  HITL_CORRECTION: hitlCorrectionDefinition,
  HITL_ROUTER: hitlRouterDefinition,
  RAG_SEARCH: ragSearchDefinition,
  RAG_INGEST: ragIngestDefinition,
  RAG_DELETE: ragDeleteDefinition,
  CONTEXT_CACHE: contextCacheDefinition,
} as const;

export type Method = keyof typeof definitionSchemas;
export const methods = Object.keys(definitionSchemas) as Method[];

const workers: readonly NodeType[] = ['COMPUTE', 'EXTRACTOR', 'SEGMENTER'];
const compute: readonly NodeType[] = ['COMPUTE'];

/** The node types each method may run as. */
export const nodeTypesByMethod: Readonly<Record<Method, readonly NodeType[]>> = {
  // A NOOP MERGER is Marie-AI's plain merger: it completes when its dependencies do (merger-without-strategy).
  NOOP: ['COMPUTE', 'MERGER'],
  LLM: workers,
  PYTHON_FUNCTION: workers,
  EXECUTOR_ENDPOINT: workers,
  BRANCH: ['BRANCH'],
  PYTHON_BRANCH: ['BRANCH'],
  SWITCH: ['SWITCH'],
  MERGER_ENHANCED: ['MERGER'],
  GUARDRAIL: ['GUARDRAIL'],
  HITL_APPROVAL: compute,
  HITL_CORRECTION: compute,
  HITL_ROUTER: compute,
  RAG_SEARCH: compute,
  RAG_INGEST: compute,
  RAG_DELETE: compute,
  CONTEXT_CACHE: compute,
};

/** True when `value` names one of the methods above. */
export function isMethod(value: unknown): value is Method {
  return typeof value === 'string' && Object.hasOwn(definitionSchemas, value);
}

const knownKeys = new Map<Method, ReadonlySet<string>>(methods.map((method) => [method, new Set(Object.keys((definitionSchemas[method] as z.ZodObject).shape))]));

/** The definition keys Marie-AI reads for a method; any other key is dropped silently by the gateway. */
export function knownDefinitionKeys(method: Method): ReadonlySet<string> {
  return knownKeys.get(method) ?? new Set();
}
