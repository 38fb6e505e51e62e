import type { Bump } from './bump';
import type { ChangeDrafts } from './changeDraft';
import { idPath } from './changePath';
import { diffEntities, diffIdSet, diffKeyedEntries } from './diffEntities';
import { diffGeneric, diffObject, type ValueDiffer } from './diffGeneric';
import { asName, describeValue, fieldOf } from './jsonShape';

/** Diffs BRANCH and GUARDRAIL `paths`, matched by path_id: conditions and control-flow targets. */
export function diffControlPaths(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffEntities(
    path,
    before,
    after,
    {
      idOf: (entry) => asName(fieldOf(entry, 'path_id')),
      removed: (p, id, entry, o) => o.push({ path: p, change: `path "${id}" removed${describeTargets(entry)}`, bump: 'major' }),
      added: (p, id, entry, o) => o.push({ path: p, change: `new path "${id}"${describeTargets(entry)}`, bump: 'minor' }),
      kept: (p, b, a, o, id) => diffObject(p, b, a, { condition: diffCondition, target_node_ids: targetsDiffer(`path "${id}"`, 'minor') }, o),
    },
    out,
  );
}

/** Diffs a SWITCH node's `cases` (`{value: [task_id…]}`): any change of a case's targets changes the mapping. */
export function diffSwitchCases(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffKeyedEntries(
    path,
    before,
    after,
    {
      pathOf: idPath,
      removed: (p, value, _targets, o) => o.push({ path: p, change: `switch case "${value}" removed`, bump: 'major' }),
      added: (p, value, targets, o) => o.push({ path: p, change: `new switch case "${value}" → ${describeValue(targets)}`, bump: 'minor' }),
      kept: (p, b, a, o, value) => targetsDiffer(`case "${value}"`, 'major')(p, b, a, o),
    },
    out,
  );
}

/** Diffs a SWITCH node's `default_case` targets: a change of the mapping. */
export const diffDefaultCase: ValueDiffer = (path, before, after, out) => targetsDiffer('the default case', 'major')(path, before, after, out);

/** Reports removed control-flow targets as major and added ones at `addedBump`. */
function targetsDiffer(where: string, addedBump: Bump): ValueDiffer {
  return (path, before, after, out) =>
    diffIdSet(
      path,
      before,
      after,
      {
        removed: (id) => out.push({ path, change: `control-flow target "${id}" removed from ${where}`, bump: 'major' }),
        added: (id) => out.push({ path, change: `control-flow target "${id}" added to ${where}`, bump: addedBump }),
      },
      out,
    );
}

/** Any change to a condition changes which path runs: major, reported per changed part. */
const diffCondition: ValueDiffer = (path, before, after, out) => {
  const parts: ChangeDrafts = [];
  diffGeneric(path, before, after, parts, 'major');
  for (const part of parts) out.push({ ...part, change: `condition ${part.change}` });
};

function describeTargets(entry: unknown): string {
  const targets = fieldOf(entry, 'target_node_ids');
  return Array.isArray(targets) && targets.length > 0 ? ` (targets ${describeValue(targets)})` : '';
}
