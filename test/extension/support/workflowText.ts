/** A plan node as written in a workflow file. */
export interface PlanNode {
  task_id: string;
  query_str: string;
  dependencies: string[];
  node_type: string;
  definition: Record<string, unknown>;
}

const noop = { method: 'NOOP', endpoint: 'noop', params: {} };

/** A plan node; a NOOP COMPUTE node unless told otherwise. */
export function planNode(taskId: string, dependencies: string[] = [], definition: Record<string, unknown> = noop, nodeType = 'COMPUTE'): PlanNode {
  return { task_id: taskId, query_str: `${taskId} step`, dependencies, node_type: nodeType, definition };
}

/** A first_match BRANCH definition with one path, "main", to these targets (and as the default path). */
export function branchDefinition(targets: string[]): Record<string, unknown> {
  return { method: 'BRANCH', endpoint: 'branch', evaluation_mode: 'first_match', default_path_id: 'main', paths: [{ path_id: 'main', target_node_ids: targets }] };
}

/** The text of a workflow file, pretty-printed like a hand-written one. */
export function workflowText(name: string, nodes: readonly unknown[], spec: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ kind: 'workflow', name, spec: { ...spec, plan: { nodes } } }, null, 2)}\n`;
}
