import type { Method } from '../artifacts/methods';
import type { JsonPath } from './diagnostic';
import { type FindingFix, quote } from './finding';
import { field, isObject, type JsonObject } from '../json/jsonObject';
import type { PlanNode } from './planModel';
import { checkShadowedPaths, isUnconditional } from './shadowedPaths';
import type { WorkflowContext } from './workflowContext';

interface Target {
  id: string;
  path: JsonPath;
}

const pathMethods: ReadonlySet<Method> = new Set<Method>(['BRANCH', 'PYTHON_BRANCH', 'GUARDRAIL']);
const branchMethods: ReadonlySet<Method> = new Set<Method>(['BRANCH', 'PYTHON_BRANCH']);

/**
 * Targets of BRANCH / PYTHON_BRANCH / GUARDRAIL paths and SWITCH cases: unknown-target, target-not-dependent,
 * ungated-node, duplicate-path-id, unknown-default-path, branch-without-default, branch-path-shadowed.
 */
export function checkControlFlow(context: WorkflowContext): void {
  const targetsByNode = new Map<PlanNode, ReadonlySet<string>>();
  for (const node of context.plan.nodes) {
    if (!node.definition || !node.method || !(pathMethods.has(node.method) || node.method === 'SWITCH')) continue;
    const definitionPath = [...node.path, 'definition'];
    let targets: Target[];
    if (pathMethods.has(node.method)) {
      const paths = field(node.definition, 'paths');
      targets = Array.isArray(paths) ? pathTargets(paths, [...definitionPath, 'paths']) : [];
      if (Array.isArray(paths)) checkPathIds(context, node, paths, definitionPath);
    } else {
      targets = switchTargets(node.definition, definitionPath);
    }
    targetsByNode.set(node, new Set(targets.map((target) => target.id)));
    for (const target of targets) checkTarget(context, node, target);
  }
  checkGating(context, targetsByNode);
}

function pathTargets(paths: readonly unknown[], pathsPath: JsonPath): Target[] {
  const targets: Target[] = [];
  paths.forEach((path, pathIndex) => {
    const ids = field(isObject(path) ? path : undefined, 'target_node_ids');
    if (Array.isArray(ids)) collectIds(ids, [...pathsPath, pathIndex, 'target_node_ids'], targets);
  });
  return targets;
}

function switchTargets(definition: JsonObject, definitionPath: JsonPath): Target[] {
  const targets: Target[] = [];
  const cases = field(definition, 'cases');
  if (isObject(cases)) {
    for (const [value, ids] of Object.entries(cases)) {
      if (Array.isArray(ids)) collectIds(ids, [...definitionPath, 'cases', value], targets);
    }
  }
  const fallback = field(definition, 'default_case');
  if (Array.isArray(fallback)) collectIds(fallback, [...definitionPath, 'default_case'], targets);
  return targets;
}

function collectIds(ids: readonly unknown[], arrayPath: JsonPath, into: Target[]): void {
  ids.forEach((id, index) => {
    if (typeof id === 'string') into.push({ id, path: [...arrayPath, index] });
  });
}

function checkTarget(context: WorkflowContext, control: PlanNode, target: Target): void {
  const node = context.plan.byId.get(target.id);
  if (!node) {
    context.report({
      code: 'unknown-target',
      message: `target ${quote(target.id)} names no node of this plan`,
      path: target.path,
      fixes: context.replaceIdFixes(target.path, context.nearestIds(target.id, control.id)),
    });
    return;
  }
  if (control.id === undefined || node.dependencies.some((dependency) => dependency.node === control)) return;
  context.report({
    code: 'target-not-dependent',
    message: `${quote(target.id)} is a target of ${quote(control.id)} but does not list it in its dependencies, so it may run before the decision`,
    path: target.path,
    related: [{ message: `dependencies of ${quote(target.id)}`, path: [...node.path, node.dependenciesForm === 'absent' ? 'task_id' : 'dependencies'] }],
    fixes: node === control || node.dependenciesForm === 'invalid' ? [] : [addDependencyFix(node, control.id)],
  });
}

/** Adds `controlId` to the node's `dependencies`, creating the array when the node has none. */
function addDependencyFix(node: PlanNode, controlId: string): FindingFix {
  const title = `Add ${quote(controlId)} to the dependencies of ${quote(node.id)}`;
  const id = JSON.stringify(controlId);
  const dependenciesPath = [...node.path, 'dependencies'];
  if (node.dependenciesForm === 'absent') {
    return { title, edits: [{ path: node.path, at: 'startInside', newText: `"dependencies": [${id}], ` }] };
  }
  if (node.dependenciesForm === 'null') return { title, edits: [{ path: dependenciesPath, at: 'replace', newText: `[${id}]` }] };
  const count = node.dependencies.length;
  const last = count > 0 ? node.dependencies[count - 1] : undefined;
  return last === undefined || last.index !== count - 1
    ? { title, edits: [{ path: dependenciesPath, at: 'startInside', newText: count === 0 ? id : `${id}, ` }] }
    : { title, edits: [{ path: [...dependenciesPath, last.index], at: 'after', newText: `, ${id}` }] };
}

function checkPathIds(context: WorkflowContext, node: PlanNode, paths: readonly unknown[], definitionPath: JsonPath): void {
  const seen = new Map<string, number>();
  let unconditional = false;
  paths.forEach((path, index) => {
    const entry = isObject(path) ? path : undefined;
    const id = field(entry, 'path_id');
    if (entry && isUnconditional(entry)) unconditional = true;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, index);
      return;
    }
    context.report({
      code: 'duplicate-path-id',
      message: `path_id ${quote(id)} is already used by path ${first} of this node`,
      path: [...definitionPath, 'paths', index, 'path_id'],
      related: [{ message: 'first used here', path: [...definitionPath, 'paths', first, 'path_id'] }],
    });
  });
  if (!node.method || !branchMethods.has(node.method) || !node.definition) return;
  const fallback = field(node.definition, 'default_path_id');
  if (typeof fallback === 'string' && !seen.has(fallback)) {
    context.report({
      code: 'unknown-default-path',
      message: `default_path_id ${quote(fallback)} names no path; paths are ${[...seen.keys()].map((id) => quote(id)).join(', ') || 'none'}`,
      path: [...definitionPath, 'default_path_id'],
    });
  }
  if (fallback === undefined && !unconditional && paths.length > 0) {
    context.report({
      code: 'branch-without-default',
      message: 'no default_path_id and every path has a condition: when none matches, every target is skipped',
      path: [...definitionPath, 'paths'],
      anchor: 'key',
    });
  }
  checkShadowedPaths(context, node, paths, definitionPath);
}

/** ungated-node: depending on a control node without being one of its targets. */
function checkGating(context: WorkflowContext, targetsByNode: ReadonlyMap<PlanNode, ReadonlySet<string>>): void {
  for (const node of context.plan.nodes) {
    for (const dependency of node.dependencies) {
      const control = dependency.node;
      const targets = control && control !== node ? targetsByNode.get(control) : undefined;
      if (!targets || node.id === undefined || targets.has(node.id)) continue;
      context.report({
        code: 'ungated-node',
        message: `${quote(node.id)} depends on ${control?.method} node ${quote(dependency.id)} but is none of its targets, so it runs whichever way it decides`,
        path: [...node.path, 'dependencies', dependency.index],
      });
    }
  }
}
