import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { workflowArtifactSchema } from '../../../core/artifacts/workflowSchema';
import { diffSnapshots, type SnapshotArtifact } from '../../../core/diff/diffSnapshots';
import { validateArtifactText } from '../../../core/validation/validateArtifactText';

type Json = Record<string, unknown>;
type Path = Array<string | number>;

// ---- Valid workflows: a root, then a random sequence of stages, each one a realistic use of its methods. ----

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
const leafCondition = fc.record({
  jsonpath: fc.constantFrom('$.metadata.document_type', '$.data.score', '$.data.items[0].id'),
  operator: fc.constantFrom('==', '!=', '>=', 'in'),
  value: fc.constantFrom('invoice', 0.8, 3),
});
const valuelessCondition = fc.record({ jsonpath: fc.constantFrom('$.metadata.flags', '$.data.errors'), operator: fc.constantFrom('exists', 'is_empty') });
const condition = fc.oneof(
  leafCondition,
  valuelessCondition,
  fc.record({ combinator: fc.constantFrom('AND', 'OR'), conditions: fc.array(fc.oneof(leafCondition, valuelessCondition), { minLength: 1, maxLength: 2 }) }),
);

/** Drops the keys whose value is undefined, so an optional field is either there or absent. */
function compact(object: Record<string, unknown>): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

interface Stage {
  /** Nodes of the stage, given the task_id it follows and a prefix for its own ids. */
  build(after: string, prefix: string): { nodes: Json[]; tail: string };
}

const node = (taskId: string, dependencies: string[], definition: Json, nodeType?: string, label?: string): Json =>
  compact({ task_id: taskId, query_str: label ?? taskId, dependencies, node_type: nodeType, definition });

const worker = fc
  .record({
    kind: fc.constantFrom('LLM', 'EXECUTOR_ENDPOINT', 'PYTHON_FUNCTION', 'RAG_SEARCH', 'CONTEXT_CACHE', 'HITL_APPROVAL', 'HITL_CORRECTION', 'HITL_ROUTER'),
    endpoint: maybe(fc.constant('extract')),
    params: maybe(fc.constant({ layout: 'claims' })),
    nodeType: maybe(fc.constantFrom('COMPUTE')),
    timeout: maybe(fc.record({ enabled: maybe(fc.constant(true)), duration_seconds: maybe(fc.constant(3600)) })),
    topK: maybe(fc.integer({ min: 1, max: 100 })),
  })
  .map(({ kind, endpoint, params, nodeType, timeout, topK }): Stage => ({
    build: (after, prefix) => {
      const definitions: Record<string, Json> = {
        LLM: compact({ method: 'LLM', endpoint, params, model_name: 'qwen' }),
        EXECUTOR_ENDPOINT: compact({ method: 'EXECUTOR_ENDPOINT', endpoint: 'extract_executor://document/extract', params }),
        PYTHON_FUNCTION: compact({ method: 'PYTHON_FUNCTION', endpoint: 'claims.fields.normalize', params }),
        RAG_SEARCH: compact({ method: 'RAG_SEARCH', endpoint, top_k: topK }),
        CONTEXT_CACHE: compact({ method: 'CONTEXT_CACHE', params }),
        HITL_APPROVAL: compact({ method: 'HITL_APPROVAL', title: 'Approve', timeout: timeout && compact(timeout) }),
        HITL_CORRECTION: compact({ method: 'HITL_CORRECTION', title: 'Correct', fields: [{ key: 'total', label: 'Total', type: 'number' }] }),
        HITL_ROUTER: compact({ method: 'HITL_ROUTER', auto_approve_threshold: 0.9 }),
      };
      const id = `${prefix}_${kind.toLowerCase()}`;
      return { nodes: [node(id, [after], definitions[kind] as Json, nodeType)], tail: id };
    },
  }));

/** A BRANCH (or SWITCH, or GUARDRAIL) over two targets, merged again by a MERGER. */
const fork = fc
  .record({
    control: fc.constantFrom('BRANCH', 'SWITCH', 'GUARDRAIL'),
    first: condition,
    second: maybe(condition),
    fallbackPriority: maybe(fc.constantFrom(-1, 0, 2)),
    withDefault: fc.boolean(),
    mode: maybe(fc.constantFrom('first_match', 'all_match', 'priority_match')),
    merger: fc.constantFrom('MERGER_ENHANCED', 'NOOP'),
    strategy: maybe(fc.constantFrom('wait_all_active', 'wait_any')),
  })
  .map(({ control, first, second, fallbackPriority, withDefault, mode, merger, strategy }): Stage => ({
    build: (after, prefix) => {
      const id = (name: string) => `${prefix}_${name}`;
      const [a, b] = [id('a'), id('b')];
      let definition: Json;
      if (control === 'BRANCH') {
        const paths = [
          compact({ path_id: 'main', priority: 1, condition: first, target_node_ids: [a] }),
          compact({ path_id: 'other', priority: fallbackPriority, condition: second, target_node_ids: [b] }),
        ];
        definition = compact({ method: 'BRANCH', evaluation_mode: mode, default_path_id: withDefault ? 'other' : undefined, paths });
      } else if (control === 'SWITCH') {
        definition = compact({ method: 'SWITCH', switch_field: '$.metadata.document_type', cases: { invoice: [a] }, default_case: withDefault ? [b] : undefined });
        if (!withDefault) (definition.cases as Json).contract = [b];
      } else {
        definition = compact({
          method: 'GUARDRAIL',
          input_source: `$.nodes.${after}.output`,
          metrics: [compact({ type: 'relevance', name: 'Relevant', threshold: withDefault ? 0.7 : undefined })],
          paths: [
            { path_id: 'pass', target_node_ids: [a] },
            { path_id: 'fail', target_node_ids: [b] },
          ],
        });
      }
      const mergerDefinition = merger === 'NOOP' ? { method: 'NOOP' } : compact({ method: 'MERGER_ENHANCED', merge_strategy: strategy });
      return {
        nodes: [
          node(id('route'), [after], definition, control),
          node(a, [id('route')], { method: 'NOOP' }),
          node(b, [id('route')], { method: 'LLM', model_name: 'qwen' }, 'EXTRACTOR'),
          node(id('merge'), [a, b], mergerDefinition, 'MERGER'),
        ],
        tail: id('merge'),
      };
    },
  }));

const validWorkflow = fc
  .record({
    stages: fc.array(fc.oneof(worker, fork), { minLength: 1, maxLength: 6 }),
    description: maybe(fc.constant('Claims intake')),
    tags: maybe(fc.constant(['claims'])),
    category: maybe(fc.constant('claims')),
    outputs: fc.boolean(),
    rootDependencies: fc.boolean(),
  })
  .map(({ stages, description, tags, category, outputs, rootDependencies }) => {
    const nodes: Json[] = [compact({ task_id: 'start', query_str: '0: START', dependencies: rootDependencies ? [] : undefined, definition: { method: 'NOOP' } })];
    let tail = 'start';
    stages.forEach((stage, index) => {
      const built = stage.build(tail, `s${index}`);
      nodes.push(...built.nodes);
      tail = built.tail;
    });
    const spec = compact({ outputs: outputs ? { [tail]: { type: 'object' } } : undefined, plan: { nodes } });
    return compact({ kind: 'workflow', name: 'claims-intake', description, tags, category, spec });
  });

// ---- Where a workflow leaves an optional field out: found by walking it along its zod schema. ----

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
  return current;
}

/** Paths of the absent fields that `schema` accepts absent, at every depth of `value`. */
function absentOptionalFields(schema: z.ZodType, value: unknown, path: Path = []): Path[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodUnion) {
    const option = (inner.options as z.ZodType[]).find((candidate) => candidate.safeParse(value).success);
    return option ? absentOptionalFields(option, value, path) : [];
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((element, index) => absentOptionalFields(inner.element as z.ZodType, element, [...path, index]));
  }
  if (!(inner instanceof z.ZodObject) || value === null || typeof value !== 'object') return [];
  const found: Path[] = [];
  for (const [key, field] of Object.entries(inner.shape)) {
    if (!Object.hasOwn(value, key)) {
      if (field.safeParse(undefined).success) found.push([...path, key]);
    } else {
      found.push(...absentOptionalFields(field, (value as Json)[key], [...path, key]));
    }
  }
  return found;
}

function withNullAt(value: Json, paths: readonly Path[]): Json {
  const copy = structuredClone(value);
  for (const path of paths) {
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment];
    (parent as Record<string | number, unknown>)[path[path.length - 1] as string] = null;
  }
  return copy;
}

const verdict = (workflow: Json) =>
  validateArtifactText(JSON.stringify(workflow, null, 2), 'workflows/claims-intake.json').diagnostics.map(({ code, severity, message, path }) => ({
    code,
    severity,
    message,
    path,
  }));

const snapshot = (content: Json): SnapshotArtifact[] => [{ kind: 'workflow', name: 'claims-intake', path: 'workflows/claims-intake.json', content }];

describe('null means "not set" (property)', () => {
  it('the generator makes valid workflows that leave optional fields out', () => {
    fc.assert(
      fc.property(validWorkflow, (workflow) => {
        assert.deepEqual(
          verdict(workflow).filter((d) => d.severity === 'error'),
          [],
        );
        assert.ok(absentOptionalFields(workflowArtifactSchema, workflow).length > 3);
      }),
      { numRuns: 200 },
    );
  });

  it('adding null for any optional field changes neither the verdict nor the inferred bump', () => {
    const withNulls = validWorkflow.chain((workflow) => {
      const candidates = absentOptionalFields(workflowArtifactSchema, workflow);
      return fc.record({ workflow: fc.constant(workflow), nulls: fc.subarray(candidates, { minLength: 1 }), previous: validWorkflow });
    });
    fc.assert(
      fc.property(withNulls, ({ workflow, nulls, previous }) => {
        const nulled = withNullAt(workflow, nulls);
        assert.deepEqual(verdict(nulled), verdict(workflow));
        assert.deepEqual(diffSnapshots(snapshot(workflow), snapshot(nulled)), { bump: 'none', changes: [] });
        assert.equal(diffSnapshots(snapshot(previous), snapshot(nulled)).bump, diffSnapshots(snapshot(previous), snapshot(workflow)).bump);
        assert.deepEqual(diffSnapshots(snapshot(nulled), snapshot(previous)).changes, diffSnapshots(snapshot(workflow), snapshot(previous)).changes);
      }),
      { numRuns: 300 },
    );
  });
});
