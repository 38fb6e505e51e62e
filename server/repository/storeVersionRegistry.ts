import { changeSetCreateSchema } from '../../core/api/changeSet';
import { versionCreateSchema } from '../../core/api/version';
import type { VersionRegistry } from '../../git/versionRegistration';
import type { AuthUser } from '../appEnv';
import { createChangeSet } from '../changeSets/changeSetStore';
import type { ServiceDeps } from '../serviceDeps';
import { registerVersion } from '../versions/registerVersion';

/** The actor the audit log names for versions registered from the watched repository. */
const watcherActor: AuthUser = { id: 'system', name: 'system', role: 'admin' };

/**
 * The service's own store as a version registry: the same registration the API runs (validation, bump
 * inference, idempotency, audit), in process and as the `system` actor.
 */
export function storeVersionRegistry(deps: ServiceDeps): VersionRegistry {
  return {
    async registeredCommits(tags) {
      const result = await deps.db.execute('SELECT tag, commit_id FROM versions');
      const wanted = new Set(tags);
      return new Map(result.rows.filter((row) => wanted.has(String(row.tag))).map((row) => [String(row.tag), String(row.commit_id)]));
    },
    createChangeSet: (request) => createChangeSet(deps, watcherActor, changeSetCreateSchema.parse(request)),
    async registerVersion(request) {
      const { created } = await registerVersion(deps, watcherActor, versionCreateSchema.parse(request));
      return { created };
    },
  };
}
