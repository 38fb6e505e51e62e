import { readActivePointer, readStagedSet, type DefinitionArtifact } from '../environments/environmentDefinitions';
import type { Queryable } from '../store/database';

/** What an environment's gateways should hold: its active version's artifacts, or nothing before the first activation. */
export interface ExpectedState {
  environment: string;
  version: string | null;
  /** The release that made the version active. */
  releaseId: string | null;
  artifacts: DefinitionArtifact[];
}

/** Reads it from the environment database's active pointer and staged set. */
export async function readExpectedState(envDb: Queryable, environment: string): Promise<ExpectedState> {
  const active = await readActivePointer(envDb);
  if (!active) return { environment, version: null, releaseId: null, artifacts: [] };
  return { environment, version: active.version, releaseId: active.releaseId, artifacts: await readStagedSet(envDb, active.version) };
}
