import { quote } from './finding';
import { field, isObject } from '../json/jsonObject';
import type { PlanNode } from './planModel';
import type { WorkflowContext } from './workflowContext';

/** Per-node rules: merger-single-input, min-required-range, guardrail-without-metrics, hitl-no-timeout. */
export function checkNodes(context: WorkflowContext): void {
  for (const node of context.plan.nodes) {
    if (node.nodeType === 'MERGER' && node.dependencies.length < 2) {
      context.report({
        code: 'merger-single-input',
        message: `MERGER ${quote(node.id)} has ${node.dependencies.length === 0 ? 'no dependencies' : 'a single dependency'}: there is nothing to merge`,
        path: [...node.path, node.dependenciesForm === 'array' ? 'dependencies' : 'node_type'],
      });
    }
    if (node.method === 'MERGER_ENHANCED') checkMinRequired(context, node);
    if (node.method === 'GUARDRAIL') checkMetrics(context, node);
    if (node.method === 'HITL_APPROVAL' || node.method === 'HITL_CORRECTION') checkTimeout(context, node);
  }
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
  } else if (Number.isInteger(minRequired) && ((minRequired as number) < 1 || (minRequired as number) > count)) {
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

function checkTimeout(context: WorkflowContext, node: PlanNode): void {
  const timeout = field(node.definition, 'timeout');
  const enabled = field(isObject(timeout) ? timeout : undefined, 'enabled');
  if (enabled === true) return;
  const definitionPath = [...node.path, 'definition'];
  context.report({
    code: 'hitl-no-timeout',
    message:
      timeout === undefined
        ? `${node.method} declares no timeout; state one ({"enabled": true, "duration_seconds": …, "strategy": …}) so an unanswered request cannot hold the workflow unseen`
        : `${node.method} timeout is not enabled ("enabled": true is missing), so an unanswered request holds the workflow forever`,
    path: timeout === undefined ? [...definitionPath, 'method'] : enabled === undefined ? [...definitionPath, 'timeout'] : [...definitionPath, 'timeout', 'enabled'],
  });
}
