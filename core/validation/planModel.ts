import { isMethod, type Method } from '../artifacts/methods';
import { nodeTypes } from '../artifacts/nodeType';
import { asObject, field, type JsonObject } from '../json/jsonObject';
import type { JsonPath } from './diagnostic';

/** One string entry of a node's `dependencies`: its position, and the node it names (if any). */
export interface Dependency {
  id: string;
  index: number;
  node?: PlanNode;
}

/** A plan node as far as it can be read: every field is optional because the schema may have failed. */
export interface PlanNode {
  index: number;
  path: JsonPath;
  id?: string;
  /** Position among the first nodes of each task_id (the graph's vertices); undefined for repeats. */
  vertex?: number;
  dependencies: Dependency[];
  /** Nodes whose `dependencies` name this one (set on the first node of each task_id). */
  dependents: PlanNode[];
  /** How `dependencies` appears in the node; `null` (not set) is written but means none, like absent. */
  dependenciesForm: 'absent' | 'null' | 'array' | 'invalid';
  /** `dependencies` is absent or an empty array: the node is a root. */
  isRoot: boolean;
  /** `node_type`, or Marie-AI's default COMPUTE when absent; undefined when it is not a node type. */
  nodeType?: string;
  nodeTypeGiven: boolean;
  definition?: JsonObject;
  method?: Method;
  /** The node as written, when it is an object. */
  raw?: JsonObject;
}

export interface PlanModel {
  nodesPath: JsonPath;
  nodes: PlanNode[];
  /** First node of each task_id, in plan order: the vertices of the dependency graph. */
  byId: Map<string, PlanNode>;
}

const nodeTypeSet: ReadonlySet<string> = new Set(nodeTypes);

/**
 * Reads `spec.plan.nodes` without trusting its shape; undefined when there is no nodes array. Dependencies
 * are resolved to nodes once here, so the rules follow references instead of looking ids up again.
 */
export function readPlan(artifact: JsonObject): PlanModel | undefined {
  const rawNodes = field(asObject(field(asObject(field(artifact, 'spec')), 'plan')), 'nodes');
  if (!Array.isArray(rawNodes)) return undefined;
  const nodesPath: JsonPath = ['spec', 'plan', 'nodes'];
  const nodes = rawNodes.map((raw, index) => readNode(raw, index, [...nodesPath, index]));
  const byId = new Map<string, PlanNode>();
  for (const node of nodes) {
    if (node.id === undefined || byId.has(node.id)) continue;
    node.vertex = byId.size;
    byId.set(node.id, node);
  }
  for (const node of nodes) {
    for (const dependency of node.dependencies) {
      const target = byId.get(dependency.id);
      if (!target) continue;
      dependency.node = target;
      target.dependents.push(node);
    }
  }
  return { nodesPath, nodes, byId };
}

function readNode(raw: unknown, index: number, path: JsonPath): PlanNode {
  const node = asObject(raw);
  const id = field(node, 'task_id');
  const rawDependencies = field(node, 'dependencies');
  const dependencies: Dependency[] = [];
  if (Array.isArray(rawDependencies)) {
    for (let entry = 0; entry < rawDependencies.length; entry++) {
      const dependency: unknown = rawDependencies[entry];
      if (typeof dependency === 'string') dependencies.push({ id: dependency, index: entry });
    }
  }
  const rawType = field(node, 'node_type');
  const definition = asObject(field(node, 'definition'));
  const method = field(definition, 'method');
  const result: PlanNode = {
    index,
    path,
    dependencies,
    dependents: [],
    dependenciesForm: dependenciesForm(node, rawDependencies),
    isRoot: node !== undefined && (rawDependencies === undefined || (Array.isArray(rawDependencies) && rawDependencies.length === 0)),
    nodeTypeGiven: rawType !== undefined,
  };
  if (typeof id === 'string') result.id = id;
  if (rawType === undefined) result.nodeType = 'COMPUTE';
  else if (typeof rawType === 'string' && nodeTypeSet.has(rawType)) result.nodeType = rawType;
  if (node) result.raw = node;
  if (definition) result.definition = definition;
  if (isMethod(method)) result.method = method;
  return result;
}

function dependenciesForm(node: JsonObject | undefined, raw: unknown): PlanNode['dependenciesForm'] {
  if (raw !== undefined) return Array.isArray(raw) ? 'array' : 'invalid';
  return node !== undefined && Object.hasOwn(node, 'dependencies') ? 'null' : 'absent';
}

/** Walks up `dependencies` from `from`: is `ancestor` upstream of it? */
export function isUpstream(from: PlanNode, ancestor: PlanNode): boolean {
  const seen = new Set<PlanNode>();
  const stack = [from];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const dependency of node.dependencies) {
      const next = dependency.node;
      if (next === ancestor) return true;
      if (!next || seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return false;
}
