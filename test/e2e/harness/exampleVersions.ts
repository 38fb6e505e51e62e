import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ForgeService } from './forgeService';
import { repositoryRoot } from './vscodeWeb';

const exampleRepo = join(repositoryRoot, 'examples', 'claims-repo');
const kindFolders = { workflow: 'workflows', agent: 'agents', processor: 'processors' } as const;

/** The artifacts of examples/claims-repo as `POST /api/versions` takes them. */
export function exampleArtifacts(): { kind: keyof typeof kindFolders; path: string; content: string }[] {
  return Object.entries(kindFolders).flatMap(([kind, folder]) =>
    readdirSync(join(exampleRepo, folder))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => ({ kind: kind as keyof typeof kindFolders, path: `${folder}/${name}`, content: readFileSync(join(exampleRepo, folder, name), 'utf8') })),
  );
}

/**
 * Registers a version of the example repository. `edit` may change file texts (e.g. a description, for a patch
 * release); the commit id is derived from the tag so each version has its own.
 */
export async function registerExampleVersion(service: ForgeService, tag: string, edit: (path: string, text: string) => string = (_path, text) => text): Promise<void> {
  const artifacts = exampleArtifacts().map((artifact) => ({ ...artifact, content: edit(artifact.path, artifact.content) }));
  const commit = createHash('sha1').update(tag).digest('hex');
  await service.api('POST', '/api/versions', { tag, commit, message: `Release ${tag}`, artifacts });
}
