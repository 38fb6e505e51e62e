import type { Severity } from './diagnostic';

/**
 * Every diagnostic code the validator emits, with its severity and the rule in one line. Codes are stable:
 * editors, CI annotations and tests key on them. DAG.md §5 defines the workflow rules; the agent, processor
 * and repository rules below complete §1, §3 and §4.
 */
export const ruleCodes = {
  // Any artifact
  'invalid-json': { severity: 'error', rule: 'the text is not JSON (comments are allowed, trailing commas are not)' },
  schema: { severity: 'error', rule: 'the envelope or spec does not match its schema (one diagnostic per problem)' },
  'unknown-key': { severity: 'warning', rule: 'a key the schema does not know (Marie-AI drops unknown plan, node and definition keys)' },
  // Workflow graph
  'duplicate-task-id': { severity: 'error', rule: 'two nodes share a task_id (reported at the second and later)' },
  'unknown-dependency': { severity: 'error', rule: 'a dependency names no node' },
  'self-dependency': { severity: 'error', rule: 'a node depends on itself' },
  cycle: { severity: 'error', rule: 'the dependency graph has a cycle' },
  'no-root': { severity: 'error', rule: 'no node is without dependencies' },
  'multiple-roots': { severity: 'error', rule: 'more than one node is without dependencies' },
  'unknown-method': { severity: 'error', rule: 'definition.method is not a known method' },
  'node-type-mismatch': { severity: 'error', rule: 'method and node_type do not pair' },
  'unknown-target': { severity: 'error', rule: 'a control-flow target names no node' },
  'target-not-dependent': { severity: 'error', rule: 'a control-flow target does not depend on its control node' },
  'duplicate-path-id': { severity: 'error', rule: 'two paths of a node share a path_id' },
  'unknown-default-path': { severity: 'error', rule: 'default_path_id names no path of the node' },
  'invalid-jsonpath': { severity: 'error', rule: 'a JSONPath is empty, not $/@-rooted, or unparseable' },
  'jsonpath-unknown-node': { severity: 'error', rule: '$.nodes.<id> names no node, or one that is not upstream' },
  'output-not-sink': { severity: 'error', rule: 'an outputs key is not a node without dependents' },
  'min-required-range': { severity: 'error', rule: 'wait_n without min_required in [1, number of dependencies]' },
  'ungated-node': { severity: 'warning', rule: 'a node depends on a control node without being one of its targets' },
  'branch-without-default': { severity: 'warning', rule: 'a branch has no default_path_id and no unconditional path' },
  'guardrail-without-metrics': { severity: 'warning', rule: 'a guardrail has no metrics, so it passes everything' },
  'merger-single-input': { severity: 'warning', rule: 'a MERGER node has fewer than two dependencies' },
  'hitl-no-timeout': { severity: 'warning', rule: 'a HITL approval/correction turns its timeout off (timeout.enabled false)' },
  'merger-without-strategy': { severity: 'warning', rule: 'a MERGER node runs NOOP, so it has no merge strategy' },
  'branch-path-shadowed': { severity: 'warning', rule: 'an unconditional branch path is evaluated before other paths, which can never be chosen' },
  // Agent
  'duplicate-tool-name': { severity: 'error', rule: 'two tools of an agent share a name' },
  // Processor
  'extractor-without-fields': { severity: 'error', rule: 'an extractor processor has no fields' },
  'classifier-too-few-classes': { severity: 'error', rule: 'a classifier processor has fewer than two distinct classes' },
  'duplicate-class': { severity: 'error', rule: 'a class is listed twice' },
  'duplicate-field-name': { severity: 'error', rule: 'two sibling fields share a name' },
  // Repository
  'duplicate-artifact-name': { severity: 'error', rule: 'two artifacts of one kind share a name' },
  'unresolved-reference': { severity: 'warning', rule: 'params.agent / params.processor names no artifact in the repository' },
} as const satisfies Record<string, { severity: Severity; rule: string }>;

export type RuleCode = keyof typeof ruleCodes;
