import type { ChangeDrafts } from './changeDraft';
import { diffControlPaths, diffDefaultCase, diffSwitchCases } from './diffControlFlow';
import { diffIdSet } from './diffEntities';
import { diffGeneric, diffObject, differAt } from './diffGeneric';
import { diffGuardrailMetrics, diffPassThreshold } from './diffGuardrail';
import { asName, describeValue, fieldOf } from './jsonShape';
import { sameContent } from './sameContent';

// Marie-AI's default when a node has no node_type.
const defaultNodeType = 'COMPUTE';

/** Diffs two versions of one plan node (matched by task_id). */
export function diffNode(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffObject(path, before, after, { dependencies: diffDependencies, node_type: diffNodeType, definition: diffDefinition }, out);
}

/** A short note of what a node is, for "added"/"removed" wording: ` (EXTRACTOR, LLM)`. */
export function describeNode(node: unknown): string {
  const nodeType = asName(fieldOf(node, 'node_type')) ?? defaultNodeType;
  const method = asName(fieldOf(fieldOf(node, 'definition'), 'method'));
  return method ? ` (${nodeType}, ${method})` : ` (${nodeType})`;
}

function diffDependencies(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffIdSet(
    path,
    before,
    after,
    {
      removed: (id) => out.push({ path, change: `dependency on "${id}" removed`, bump: 'major' }),
      added: (id) => out.push({ path, change: `dependency on "${id}" added`, bump: 'minor' }),
    },
    out,
  );
}

function diffNodeType(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  const previous = before ?? defaultNodeType;
  const next = after ?? defaultNodeType;
  // Writing out the default (or dropping it) changes the text, not the behaviour.
  if (sameContent(previous, next)) diffGeneric(path, before, after, out);
  else out.push({ path, change: `node_type changed from ${describeValue(previous)} to ${describeValue(next)}`, bump: 'major' });
}

// Definition keys that decide which nodes run and how: any change to them alters behaviour for consumers.
const behaviourKey = differAt('major');

function diffDefinition(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffObject(
    path,
    before,
    after,
    {
      method: behaviourKey,
      evaluation_mode: behaviourKey,
      default_path_id: behaviourKey,
      branch_function: behaviourKey,
      merge_strategy: behaviourKey,
      min_required: behaviourKey,
      switch_field: behaviourKey,
      aggregation_mode: behaviourKey,
      paths: diffControlPaths,
      cases: diffSwitchCases,
      default_case: diffDefaultCase,
      metrics: diffGuardrailMetrics,
      pass_threshold: diffPassThreshold,
    },
    out,
  );
}
