#!/usr/bin/env node
// The claims-routing evaluation suite: replays labelled claim forms through the intake workflow's `route` branch
// (first_match, highest priority first, as Marie-AI evaluates it) and measures how many reach the extraction step
// their label names. Prints one result in the shape `forge-release eval report --from` reads:
//
//   node evaluations/claims-routing/evaluate.mjs > eval-results.json
//   npx forge-release eval report "$TAG" --from eval-results.json
//
// Usage: evaluate.mjs [repository folder] (default: the current folder). Exit 1 when the plan cannot be replayed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? '.';
const here = dirname(fileURLToPath(import.meta.url));
const { dataset, cases } = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));
const workflow = JSON.parse(readFileSync(join(root, 'workflows/claims-intake.json'), 'utf8'));
const route = workflow.spec.plan.nodes.find((node) => node.task_id === 'route');
if (!route || route.node_type !== 'BRANCH') fail('workflows/claims-intake.json has no BRANCH node "route"');

/** The value a `$.nodes.<task>.output.<field>` path reads in the replayed context. */
function read(context, jsonpath) {
  if (!jsonpath.startsWith('$.')) fail(`cannot replay the JSONPath ${jsonpath}`);
  return jsonpath.slice(2).split('.').reduce((value, key) => (value == null ? undefined : value[key]), context);
}

function holds(condition, context) {
  if (condition.combinator === 'AND') return condition.conditions.every((part) => holds(part, context));
  if (condition.combinator === 'OR') return condition.conditions.some((part) => holds(part, context));
  const actual = read(context, condition.jsonpath);
  switch (condition.operator) {
    case '==': return actual === condition.value;
    case '!=': return actual !== condition.value;
    case 'in': return condition.value.includes(actual);
    case 'not_in': return !condition.value.includes(actual);
    case 'exists': return actual !== undefined && actual !== null;
    case 'not_exists': return actual === undefined || actual === null;
    default: return fail(`cannot replay the operator ${condition.operator}`);
  }
}

/** The nodes a case reaches: the first path (by descending priority) whose condition holds, else the default path. */
function targets(context) {
  const { paths, default_path_id: fallback } = route.definition;
  const ordered = [...paths].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  const chosen = ordered.find((path) => path.condition && holds(path.condition, context)) ?? paths.find((path) => path.path_id === fallback) ?? ordered.find((path) => !path.condition);
  return chosen?.target_node_ids ?? [];
}

const misrouted = cases.filter((claim) => !targets({ nodes: { classify: { output: claim.classification } } }).includes(claim.expected));
const routed = cases.length - misrouted.length;
const result = {
  suite: 'claims-routing',
  dataset: `${dataset} (${cases.length} labelled claims)`,
  metrics: { accuracy: Number((routed / cases.length).toFixed(4)), misrouted: misrouted.length },
  summary: `${routed} of ${cases.length} claims routed as labelled${misrouted.length > 0 ? `; misrouted: ${misrouted.map((claim) => `${claim.id} (${claim.classification.document_type})`).join(', ')}` : ''}`,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

function fail(message) {
  process.stderr.write(`evaluate: ${message}\n`);
  process.exit(1);
}
