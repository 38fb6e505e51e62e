import { type Finding, quote } from './finding';
import { field, isObject } from '../json/jsonObject';
import type { PlanNode } from './planModel';
import type { WorkflowContext } from './workflowContext';

/**
 * Per-node rules: merger-single-input, merger-without-strategy, min-required-range, guardrail-without-metrics,
 * hitl-no-timeout.
 */
export function checkNodes(context: WorkflowContext): void {
  for (const node of context.plan.nodes) {
    if (node.nodeType === 'MERGER' && node.dependencies.length < 2) {
      context.report({
        code: 'merger-single-input',
        message: `MERGER ${quote(node.id)} has ${node.dependencies.length === 0 ? 'no dependencies' : 'a single dependency'}: there is nothing to merge`,
        path: [...node.path, node.dependenciesForm === 'array' || node.dependenciesForm === 'null' ? 'dependencies' : 'node_type'],
      });
    }
    if (node.nodeType === 'MERGER' && node.method === 'NOOP') checkPlainMerger(context, node);
    if (node.method === 'MERGER_ENHANCED') checkMinRequired(context, node);
    if (node.method === 'GUARDRAIL') checkMetrics(context, node);
    if (node.method === 'HITL_APPROVAL' || node.method === 'HITL_CORRECTION') checkTimeout(context, node);
  }
}

/** A NOOP MERGER runs (Marie-AI's own plans use it) but says nothing about skipped branches. */
function checkPlainMerger(context: WorkflowContext, node: PlanNode): void {
  const methodPath = [...node.path, 'definition', 'method'];
  const finding: Finding = {
    code: 'merger-without-strategy',
    message: `MERGER ${quote(node.id)} runs NOOP, which has no merge strategy: it completes when its dependencies do; use MERGER_ENHANCED with a merge_strategy to say how skipped branches count`,
    path: methodPath,
  };
  if (field(node.definition, 'merge_strategy') === undefined) {
    finding.fixes = [
      {
        title: 'Use MERGER_ENHANCED with merge_strategy "wait_all_active"',
        edits: [{ path: methodPath, at: 'replace', newText: '"MERGER_ENHANCED", "merge_strategy": "wait_all_active"' }],
      },
    ];
  }
  context.report(finding);
}

function checkMinRequired(context: WorkflowContext, node: PlanNode): void {
  const definitionPath = [...node.path, 'definition'];
  if (field(node.definition, 'merge_strategy') !== 'wait_n') return;
  const minRequired = field(node.definition, 'min_required');
  const count = node.dependencies.length;
  if (minRequired === undefined) {
    context.report({
      code: 'min-required-range',
      message: `wait_n needs min_required between 1 and the number of dependencies (${count})`,
      path: [...definitionPath, 'merge_strategy'],
    });
  } else if (typeof minRequired === 'number' && Number.isInteger(minRequired) && (minRequired < 1 || minRequired > count)) {
    context.report({
      code: 'min-required-range',
      message: `min_required ${minRequired} is outside [1, ${count}] (the node has ${count} dependencies)`,
      path: [...definitionPath, 'min_required'],
    });
  }
}

function checkMetrics(context: WorkflowContext, node: PlanNode): void {
  const metrics = field(node.definition, 'metrics');
  if (metrics !== undefined && !(Array.isArray(metrics) && metrics.length === 0)) return;
  context.report({
    code: 'guardrail-without-metrics',
    message: `guardrail ${quote(node.id)} has no metrics, so it passes everything`,
    path: [...node.path, 'definition', metrics === undefined ? 'method' : 'metrics'],
  });
}

/** Only an explicit `"enabled": false` turns the timeout off: omitted, Marie-AI enables a 24 h timeout. */
function checkTimeout(context: WorkflowContext, node: PlanNode): void {
  const timeout = field(node.definition, 'timeout');
  if (field(isObject(timeout) ? timeout : undefined, 'enabled') !== false) return;
  context.report({
    code: 'hitl-no-timeout',
    message: `${node.method} ${quote(node.id)} turns its timeout off, so an unanswered request holds the workflow forever; remove "enabled": false to keep Marie-AI's 24 h default, or set a duration_seconds and strategy`,
    path: [...node.path, 'definition', 'timeout', 'enabled'],
  });
}
