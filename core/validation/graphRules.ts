import { cycleThrough, cyclicComponents } from './cycles';
import { type Finding, quote } from './finding';
import type { PlanNode } from './planModel';
import type { WorkflowContext } from './workflowContext';

/** duplicate-task-id, unknown-dependency, self-dependency, cycle, no-root / multiple-roots. */
export function checkGraph(context: WorkflowContext): void {
  checkIdsAndDependencies(context);
  checkRoots(context);
  checkCycles(context);
}

function checkIdsAndDependencies(context: WorkflowContext): void {
  const { plan } = context;
  for (const node of plan.nodes) {
    const first = node.id === undefined ? undefined : plan.byId.get(node.id);
    if (first && first !== node) {
      context.report({
        code: 'duplicate-task-id',
        message: `task_id ${quote(node.id)} is already used by node ${first.index}`,
        path: [...node.path, 'task_id'],
        related: [{ message: 'first defined here', path: [...first.path, 'task_id'] }],
      });
    }
    for (const dependency of node.dependencies) {
      if (dependency.node && dependency.id !== node.id) continue;
      const path = [...node.path, 'dependencies', dependency.index];
      if (dependency.id === node.id) {
        context.report({ code: 'self-dependency', message: `${quote(node.id)} depends on itself`, path });
      } else {
        const nearest = context.nearestIds(dependency.id, node.id);
        const finding: Finding = {
          code: 'unknown-dependency',
          message: `dependency ${quote(dependency.id)} names no node of this plan`,
          path,
          fixes: context.replaceIdFixes(path, nearest),
        };
        context.report(finding);
        const known = context.unknownDependencies.get(node) ?? [];
        known.push({ id: dependency.id, finding, nearest });
        context.unknownDependencies.set(node, known);
      }
    }
  }
}

function checkRoots(context: WorkflowContext): void {
  const { plan } = context;
  const roots = plan.nodes.filter((node) => node.isRoot);
  const [first, ...others] = roots;
  if (!first) {
    context.report({
      code: 'no-root',
      message:
        plan.nodes.length === 0
          ? 'the plan has no nodes; it needs exactly one root (a node without dependencies)'
          : 'every node has dependencies; exactly one node must have none (where execution starts)',
      path: plan.nodesPath,
      anchor: 'key',
    });
    return;
  }
  for (const root of others) {
    context.report({
      code: 'multiple-roots',
      message: `${describe(root)} has no dependencies, like ${describe(first)}; a plan has exactly one root`,
      path: rootLocation(root),
      related: [{ message: 'the first root', path: rootLocation(first) }],
    });
  }
}

/** Point at the empty `dependencies` (where the fix goes), else at the task_id. */
function rootLocation(node: PlanNode): PlanNode['path'] {
  if (node.dependenciesForm === 'array' || node.dependenciesForm === 'null') return [...node.path, 'dependencies'];
  return node.id === undefined ? node.path : [...node.path, 'task_id'];
}

function checkCycles(context: WorkflowContext): void {
  const unique = [...context.plan.byId.values()];
  const successors = unique.map((node) => {
    const targets: number[] = [];
    for (const dependency of node.dependencies) {
      const target = dependency.node;
      if (target?.vertex !== undefined && target !== node) targets.push(target.vertex);
    }
    return targets;
  });
  for (const component of cyclicComponents(successors)) {
    // Walk along "depends on" edges, then present the cycle in execution order.
    const chain = cycleThrough(component[0] as number, component, successors).map((vertex) => unique[vertex] as PlanNode);
    const order = [...chain].reverse();
    const steps = chain.slice(0, -1).map((node, i) => ({ node, dependsOn: chain[i + 1] as PlanNode }));
    const [head] = steps;
    if (!head) continue;
    context.report({
      code: 'cycle',
      message: `dependency cycle: ${order.map((node) => node.id).join(' → ')} (each node waits for the one before it)`,
      path: dependencyPath(head.node, head.dependsOn),
      related: steps.map(({ node, dependsOn }) => ({
        message: `${quote(node.id)} depends on ${quote(dependsOn.id)}`,
        path: dependencyPath(node, dependsOn),
      })),
    });
  }
}

function dependencyPath(node: PlanNode, on: PlanNode): PlanNode['path'] {
  const entry = node.dependencies.find((dependency) => dependency.node === on);
  return entry ? [...node.path, 'dependencies', entry.index] : [...node.path, 'dependencies'];
}

function describe(node: PlanNode): string {
  return node.id === undefined ? `node ${node.index}` : quote(node.id);
}
