import type { ChangeDrafts } from './changeDraft';
import { keyPath } from './changePath';
import { diffEntities, diffKeyedEntries } from './diffEntities';
import { diffObject } from './diffGeneric';
import { diffNode, describeNode } from './diffNode';
import { diffSchema } from './diffSchema';
import { asName, fieldOf } from './jsonShape';

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
  diffKeyedEntries(
    path,
    before,
    after,
    {
      pathOf: keyPath,
      removed: (p, sink, _schema, o) => o.push({ path: p, change: `output of sink "${sink}" removed`, bump: 'major' }),
      added: (p, sink, _schema, o) => o.push({ path: p, change: `new output of sink "${sink}"`, bump: 'minor' }),
      kept: (p, b, a, o) => diffSchema(p, b, a, 'output', o),
    },
    out,
  );
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
