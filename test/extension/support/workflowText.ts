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

/** The text of a workflow file, pretty-printed like a hand-written one. */
export function workflowText(name: string, nodes: readonly unknown[], spec: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ kind: 'workflow', name, spec: { ...spec, plan: { nodes } } }, null, 2)}\n`;
}
