import { field, isObject, type JsonObject } from '../json/jsonObject';
import type { JsonPath } from './diagnostic';
import { type FindingEdit, type FindingFix, quote } from './finding';
import type { PlanNode } from './planModel';
import type { WorkflowContext } from './workflowContext';

interface RankedPath {
  index: number;
  id: string;
  priority: number;
  entry: JsonObject;
}

// Modes that stop at the first matching path; all_match takes every match, so nothing is shadowed there.
const stoppingModes: ReadonlySet<string> = new Set(['first_match', 'priority_match']);

/** A path with neither `condition` nor `condition_function` always matches (Marie-AI's branch evaluator). */
export function isUnconditional(path: JsonObject): boolean {
  return field(path, 'condition') === undefined && field(path, 'condition_function') === undefined;
}

/**
 * branch-path-shadowed: Marie-AI evaluates a BRANCH's paths by descending `priority` (0 when unset; ties keep
 * their order) and, under first_match / priority_match, stops at the first that matches. An unconditional path
 * ranked before others therefore makes all of them unreachable. Reported at that path, with the paths it
 * shadows as related locations and two fixes: rank it last, or make it the default path (ranked last).
 */
export function checkShadowedPaths(context: WorkflowContext, node: PlanNode, paths: readonly unknown[], definitionPath: JsonPath): void {
  const definition = node.definition;
  const mode = definition ? (field(definition, 'evaluation_mode') ?? 'first_match') : undefined;
  if (!definition || node.method !== 'BRANCH' || typeof mode !== 'string' || !stoppingModes.has(mode)) return;
  const ranked = rankPaths(paths);
  const first = ranked.findIndex((path) => isUnconditional(path.entry));
  const shadowing = ranked[first];
  const shadowed = ranked.slice(first + 1);
  if (!shadowing || shadowed.length === 0) return;
  const pathsPath = [...definitionPath, 'paths'];
  const names = shadowed.map((path) => quote(path.id)).join(', ');
  context.report({
    code: 'branch-path-shadowed',
    message: `path ${quote(shadowing.id)} has no condition, so it always matches; with priority ${shadowing.priority} it is tried before ${names} (highest priority first), which under ${mode} can never be chosen: give it the lowest priority`,
    path: [...pathsPath, shadowing.index, 'path_id'],
    related: shadowed.map((path) => ({
      message: `path ${quote(path.id)} (priority ${path.priority}) is never reached: ${quote(shadowing.id)} matches first`,
      path: [...pathsPath, path.index, 'path_id'],
    })),
    fixes: shadowingFixes(definition, definitionPath, shadowing, shadowed),
  });
}

/** Paths in the order Marie-AI tries them: by descending priority, stable for ties. */
function rankPaths(paths: readonly unknown[]): RankedPath[] {
  const ranked: RankedPath[] = [];
  paths.forEach((entry, index) => {
    const id = isObject(entry) ? field(entry, 'path_id') : undefined;
    if (!isObject(entry) || typeof id !== 'string') return;
    const priority = field(entry, 'priority');
    ranked.push({ index, id, entry, priority: typeof priority === 'number' && Number.isInteger(priority) ? priority : 0 });
  });
  return ranked.sort((a, b) => b.priority - a.priority);
}

function shadowingFixes(definition: JsonObject, definitionPath: JsonPath, shadowing: RankedPath, shadowed: readonly RankedPath[]): FindingFix[] {
  const lowest = Math.min(...shadowed.map((path) => path.priority)) - 1;
  const pathPath = [...definitionPath, 'paths', shadowing.index];
  const rankLast: FindingEdit = !Object.hasOwn(shadowing.entry, 'priority')
    ? { path: [...pathPath, 'path_id'], at: 'after', newText: `, "priority": ${lowest}` }
    : { path: [...pathPath, 'priority'], at: 'replace', newText: String(lowest) };
  const fixes: FindingFix[] = [{ title: `Evaluate ${quote(shadowing.id)} last (priority ${lowest})`, edits: [rankLast] }];
  if (field(definition, 'default_path_id') !== shadowing.id) {
    const id = JSON.stringify(shadowing.id);
    const makeDefault: FindingEdit = Object.hasOwn(definition, 'default_path_id')
      ? { path: [...definitionPath, 'default_path_id'], at: 'replace', newText: id }
      : { path: [...definitionPath, 'paths'], at: 'after', newText: `, "default_path_id": ${id}` };
    fixes.push({ title: `Make ${quote(shadowing.id)} the default path (default_path_id, evaluated last)`, edits: [makeDefault, rankLast] });
  }
  return fixes;
}
