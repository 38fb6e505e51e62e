import { isMethod, type Method } from '../artifacts/methods';
import { nodeTypes } from '../artifacts/nodeType';
import { asObject, field, type JsonObject } from '../json/jsonObject';
import type { JsonPath } from './diagnostic';

/** A plan node as far as it can be read: every field is optional because the schema may have failed. */
export interface PlanNode {
  index: number;
  path: JsonPath;
  id?: string;
  /** String entries of `dependencies`, with their index in the array. */
  dependencies: Array<{ id: string; index: number }>;
  /** How `dependencies` appears in the node. */
  dependenciesForm: 'absent' | 'array' | 'invalid';
  /** `dependencies` is absent or an empty array: the node is a root. */
  isRoot: boolean;
  /** `node_type`, or Marie-AI's default COMPUTE when absent; undefined when it is not a node type. */
  nodeType?: string;
  nodeTypeGiven: boolean;
  definition?: JsonObject;
  method?: Method;
}

export interface PlanModel {
  nodesPath: JsonPath;
  nodes: PlanNode[];
  /** First node of each task_id. */
  byId: Map<string, PlanNode>;
  /** task_id → nodes that list it in `dependencies`. */
  dependents: Map<string, PlanNode[]>;
}

const nodeTypeSet: ReadonlySet<string> = new Set(nodeTypes);

/** Reads `spec.plan.nodes` without trusting its shape; undefined when there is no nodes array. */
export function readPlan(artifact: JsonObject): PlanModel | undefined {
  const plan = field(asObject(field(artifact, 'spec')), 'plan');
  const rawNodes = field(asObject(plan), 'nodes');
  if (!Array.isArray(rawNodes)) return undefined;
  const nodesPath: JsonPath = ['spec', 'plan', 'nodes'];
  const nodes = rawNodes.map((raw, index) => readNode(raw, index, [...nodesPath, index]));
  const byId = new Map<string, PlanNode>();
  const dependents = new Map<string, PlanNode[]>();
  for (const node of nodes) {
    if (node.id !== undefined && !byId.has(node.id)) byId.set(node.id, node);
    for (const dependency of node.dependencies) {
      const list = dependents.get(dependency.id);
      if (list) list.push(node);
      else dependents.set(dependency.id, [node]);
    }
  }
  return { nodesPath, nodes, byId, dependents };
}

function readNode(raw: unknown, index: number, path: JsonPath): PlanNode {
  const node = asObject(raw);
  const id = field(node, 'task_id');
  const rawDependencies = field(node, 'dependencies');
  const dependencies: PlanNode['dependencies'] = [];
  if (Array.isArray(rawDependencies)) {
    rawDependencies.forEach((entry, entryIndex) => {
      if (typeof entry === 'string') dependencies.push({ id: entry, index: entryIndex });
    });
  }
  const rawType = field(node, 'node_type');
  const definition = asObject(field(node, 'definition'));
  const method = field(definition, 'method');
  const result: PlanNode = {
    index,
    path,
    dependencies,
    dependenciesForm: rawDependencies === undefined ? 'absent' : Array.isArray(rawDependencies) ? 'array' : 'invalid',
    isRoot: node !== undefined && (rawDependencies === undefined || (Array.isArray(rawDependencies) && rawDependencies.length === 0)),
    nodeTypeGiven: rawType !== undefined,
  };
  if (typeof id === 'string') result.id = id;
  if (rawType === undefined) result.nodeType = 'COMPUTE';
  else if (typeof rawType === 'string' && nodeTypeSet.has(rawType)) result.nodeType = rawType;
  if (definition) result.definition = definition;
  if (isMethod(method)) result.method = method;
  return result;
}

/** Walks up `dependencies` from `from`: is `ancestor` upstream of it? */
export function isUpstream(plan: PlanModel, from: PlanNode, ancestor: string): boolean {
  const seen = new Set<string>();
  const stack = from.dependencies.map((d) => d.id);
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (id === ancestor) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const dependency of plan.byId.get(id)?.dependencies ?? []) stack.push(dependency.id);
  }
  return false;
}
