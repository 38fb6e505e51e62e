import type { ChangeDrafts } from './changeDraft';
import { keyPath } from './changePath';
import { diffEntities } from './diffEntities';
import { diffObject, diffGeneric } from './diffGeneric';
import { diffNode, describeNode } from './diffNode';
import { diffSchema } from './diffSchema';
import { asName, asRecord, fieldOf, ownField } from './jsonShape';

/** Diffs two workflow specs: the input and output contracts and the plan's nodes matched by task_id. */
export function diffWorkflowSpec(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffObject(
    path,
    before,
    after,
    {
      inputs: (p, b, a, o) => diffSchema(p, b, a, 'input', o),
      outputs: diffOutputs,
      plan: (p, b, a, o) => diffObject(p, b, a, { nodes: diffNodes }, o),
    },
    out,
  );
}

/** `outputs` maps each sink task_id to the JSON Schema of what it produces. */
function diffOutputs(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  const previous = before === undefined ? {} : asRecord(before);
  const next = after === undefined ? {} : asRecord(after);
  if (!previous || !next) {
    diffGeneric(path, before, after, out);
    return;
  }
  for (const sink of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    const sinkPath = keyPath(path, sink);
    if (!Object.hasOwn(next, sink)) out.push({ path: sinkPath, change: `output of sink "${sink}" removed`, bump: 'major' });
    else if (!Object.hasOwn(previous, sink)) out.push({ path: sinkPath, change: `new output of sink "${sink}"`, bump: 'minor' });
    else diffSchema(sinkPath, ownField(previous, sink), ownField(next, sink), 'output', out);
  }
}

function diffNodes(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffEntities(
    path,
    before,
    after,
    {
      idOf: (node) => asName(fieldOf(node, 'task_id')),
      removed: (p, id, node, o) => o.push({ path: p, change: `node "${id}" removed${describeNode(node)}`, bump: 'major' }),
      added: (p, id, node, o) => o.push({ path: p, change: `node "${id}" added${describeNode(node)}`, bump: 'minor' }),
      kept: diffNode,
    },
    out,
  );
}
