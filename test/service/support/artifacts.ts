import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One uploaded artifact file as `POST /api/versions` takes it. */
export interface Upload {
  kind: 'workflow' | 'agent' | 'processor';
  path: string;
  content: string;
}

const kindOfFolder = { workflows: 'workflow', agents: 'agent', processors: 'processor' } as const;

/** Every artifact file of examples/claims-repo. */
export function claimsRepoArtifacts(): Upload[] {
  const root = join(__dirname, '../../../examples/claims-repo');
  return Object.entries(kindOfFolder).flatMap(([folder, kind]) =>
    readdirSync(join(root, folder))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => ({ kind, path: `${folder}/${file}`, content: readFileSync(join(root, folder, file), 'utf8') })),
  );
}

/** A small valid workflow; `revision` changes a parameter so each revision hashes differently. */
export function workflowUpload(name: string, revision: number): Upload {
  const workflow = {
    kind: 'workflow',
    name,
    description: `revision ${revision}`,
    spec: {
      plan: {
        nodes: [
          { task_id: 'start', query_str: '0: START', dependencies: [], node_type: 'COMPUTE', definition: { method: 'NOOP', endpoint: 'noop', params: { revision } } },
          { task_id: 'finish', query_str: '1: Finish', dependencies: ['start'], node_type: 'COMPUTE', definition: { method: 'NOOP', endpoint: 'noop', params: {} } },
        ],
      },
    },
  };
  return { kind: 'workflow', path: `workflows/${name}.json`, content: JSON.stringify(workflow, null, 2) };
}

/** A workflow whose two nodes depend on each other: it fails validation (cycle, no root). */
export function invalidWorkflowUpload(name: string): Upload {
  const node = (id: string, dep: string) => ({
    task_id: id,
    query_str: id,
    dependencies: [dep],
    node_type: 'COMPUTE',
    definition: { method: 'NOOP', endpoint: 'noop', params: {} },
  });
  const workflow = { kind: 'workflow', name, spec: { plan: { nodes: [node('a', 'b'), node('b', 'a')] } } };
  return { kind: 'workflow', path: `workflows/${name}.json`, content: JSON.stringify(workflow) };
}

/** A version request body. */
export function versionBody(tag: string, artifacts: Upload[], commit = 'abc1234'): { tag: string; commit: string; artifacts: Upload[] } {
  return { tag, commit, artifacts };
}
