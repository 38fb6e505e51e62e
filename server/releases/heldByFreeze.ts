import { activeFreeze } from '../../core/gates/freezeWindows';
import { findEnvironmentRecord } from '../environments/environmentStore';
import type { ServiceDeps } from '../serviceDeps';
import type { ReleaseRecord } from './releaseStore';

/**
 * Whether an approved release must keep waiting because its environment is frozen now. Approval can take hours,
 * so a freeze that began (or was declared) while reviewers decided still holds the release, like a sync window;
 * only an admin's break-glass given with the request lets it through. The sweeper starts it once the window ends.
 */
export async function heldByFreeze(deps: ServiceDeps, record: ReleaseRecord): Promise<boolean> {
  if (record.release.gates.some((verdict) => verdict.gate === 'freeze' && verdict.overridden)) return false;
  const environment = await findEnvironmentRecord(deps.db, record.release.environment);
  if (!environment || environment.gates.freeze === false) return false;
  return activeFreeze(environment.freezeWindows, deps.clock()) !== null;
}
