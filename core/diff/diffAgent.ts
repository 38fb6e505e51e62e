import type { ChangeDrafts } from './changeDraft';
import { diffEntities } from './diffEntities';
import { diffGeneric, diffObject, differAt } from './diffGeneric';
import { diffSchema } from './diffSchema';
import { asName, fieldOf } from './jsonShape';

/** Diffs two agent specs: its input/output contracts, its tools (matched by name) and its prompt. */
export function diffAgentSpec(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffObject(
    path,
    before,
    after,
    {
      input_schema: (p, b, a, o) => diffSchema(p, b, a, 'input', o),
      output_schema: (p, b, a, o) => diffSchema(p, b, a, 'output', o),
      tools: diffTools,
      system_prompt: differAt('minor'),
    },
    out,
  );
}

function diffTools(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffEntities(
    path,
    before,
    after,
    {
      idOf: (tool) => asName(fieldOf(tool, 'name')),
      removed: (p, name, _tool, o) => o.push({ path: p, change: `tool "${name}" removed`, bump: 'major' }),
      added: (p, name, _tool, o) => o.push({ path: p, change: `tool "${name}" added`, bump: 'minor' }),
      kept: (p, b, a, o) => diffGeneric(p, b, a, o),
    },
    out,
  );
}
