import type { JsonPath } from './diagnostic';
import { type Finding, quote } from './finding';
import { checkJsonPath } from './jsonPathExpression';
import { extend, type PathLink, toPath } from './pathLink';
import { field, isObject } from '../json/jsonObject';
import { isUpstream, type PlanNode } from './planModel';
import type { WorkflowContext } from './workflowContext';

const guardrailSources = ['input_source', 'context_source', 'query_source'] as const;

/** invalid-jsonpath and jsonpath-unknown-node for conditions, switch fields and guardrail sources. */
export function checkJsonPaths(context: WorkflowContext): void {
  for (const node of context.plan.nodes) {
    for (const { expression, path } of jsonPathsOf(node)) {
      const result = checkJsonPath(expression);
      if (!result.ok) {
        const finding: Finding = { code: 'invalid-jsonpath', message: `JSONPath ${quote(expression)} ${result.reason}`, path: toPath(path) };
        if (result.rewrite !== undefined) {
          finding.fixes = [{ title: `Change to ${result.rewrite}`, edits: [{ path: finding.path, at: 'replace', newText: JSON.stringify(result.rewrite) }] }];
        }
        context.report(finding);
        continue;
      }
      if (result.nodeId === undefined) continue;
      const read = context.plan.byId.get(result.nodeId);
      if (read && isUpstream(node, read)) continue;
      // A misspelled dependency also leaves the JSONPath reading the node it meant unreachable: one problem.
      const cause = context.unknownDependencyBehind(node, result.nodeId);
      if (cause) {
        (cause.finding.related ??= []).push({
          message: read
            ? `${quote(expression)} reads ${quote(result.nodeId)}, which is not upstream while this dependency names no node`
            : `${quote(expression)} reads ${quote(result.nodeId)} too, which is not in the plan either`,
          path: toPath(path),
        });
        continue;
      }
      context.report({
        code: 'jsonpath-unknown-node',
        message: read
          ? `${quote(expression)} reads node ${quote(result.nodeId)}, which is not upstream of ${quote(node.id)}: its output may not exist yet`
          : `${quote(expression)} reads node ${quote(result.nodeId)}, which is not in the plan`,
        path: toPath(path),
      });
    }
  }
}

function jsonPathsOf(node: PlanNode): Array<{ expression: string; path: PathLink | JsonPath }> {
  const found: Array<{ expression: string; path: PathLink | JsonPath }> = [];
  const { definition, method } = node;
  if (!definition || (method !== 'SWITCH' && method !== 'GUARDRAIL' && method !== 'BRANCH' && method !== 'PYTHON_BRANCH')) return found;
  const definitionPath = [...node.path, 'definition'];
  if (method === 'SWITCH') {
    addJsonPath(found, field(definition, 'switch_field'), [...definitionPath, 'switch_field']);
  } else if (method === 'GUARDRAIL') {
    for (const source of guardrailSources) addJsonPath(found, field(definition, source), [...definitionPath, source]);
  } else {
    const paths = field(definition, 'paths');
    if (Array.isArray(paths)) {
      paths.forEach((path, index) => {
        const condition = field(isObject(path) ? path : undefined, 'condition');
        collectConditionPaths(condition, [...definitionPath, 'paths', index, 'condition'], found);
      });
    }
  }
  return found;
}

function addJsonPath(found: Array<{ expression: string; path: PathLink | JsonPath }>, value: unknown, path: PathLink | JsonPath): void {
  if (typeof value === 'string') found.push({ expression: value, path });
}

/** Leaf jsonpaths of a condition tree; iterative, since user input decides the depth. */
function collectConditionPaths(root: unknown, rootPath: JsonPath, found: Array<{ expression: string; path: PathLink | JsonPath }>): void {
  const stack: Array<{ condition: unknown; path: PathLink | JsonPath }> = [{ condition: root, path: rootPath }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (!isObject(next.condition)) continue;
    addJsonPath(found, field(next.condition, 'jsonpath'), extend(next.path, 'jsonpath'));
    const nested = field(next.condition, 'conditions');
    if (!Array.isArray(nested)) continue;
    for (let i = nested.length - 1; i >= 0; i--) stack.push({ condition: nested[i], path: extend(next.path, 'conditions', i) });
  }
}
