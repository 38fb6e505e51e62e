import { gateChanges, type GateChange } from '../../core/gates/gateChanges';
import { gateNames, type GateResult, type GateVerdict } from '../../core/gates/gateResult';
import { listEnvironmentRecords } from '../environments/environmentStore';
import { NotFoundError } from '../errors';
import { evaluateGates } from '../gates/gate';
import type { ServiceDeps } from '../serviceDeps';
import { findUser } from '../users/userStore';
import { findVersion } from '../versions/versionStore';
import type { ReleaseRecord } from './releaseStore';

/**
 * The gates a waiting release is checked against again: every gate its environment runs, but `approvals` (the
 * reviewers' own part) and `freeze` (a freeze that begins while a release waits holds it until the window ends:
 * see heldByFreeze.ts).
 */
const recheckedGates = gateNames.filter((name) => name !== 'approvals' && name !== 'freeze');

/** The gates of a waiting release as they stand now, and what changed since the verdicts it was given. */
export interface GateRecheck {
  gates: GateResult[];
  /** The content hash of the release's version now: approvals are bound to it. */
  contentHash: string;
  changes: GateChange[];
}

/**
 * Evaluates a pending release's gates again with what holds now — the environment's configuration and active
 * version, the version's checks and evaluation results — as its requester, and lists the gates that no longer
 * pass although they did in `given` (default: the verdicts the release was requested with). Changes nothing.
 */
export async function recheckGates(deps: ServiceDeps, record: ReleaseRecord, given: readonly GateVerdict[] = record.release.gates): Promise<GateRecheck> {
  const { release } = record;
  const chain = await listEnvironmentRecords(deps.db);
  const environment = chain.find((candidate) => candidate.name === release.environment);
  if (!environment) throw new NotFoundError('environment', release.environment);
  const version = await findVersion(deps.db, release.version);
  if (!version) throw new NotFoundError('version', release.version);
  const requester = await findUser(deps.db, record.requestedById);
  const user = { id: record.requestedById, name: release.requestedBy, role: requester?.role ?? 'developer' };
  const context = { db: deps.db, clock: deps.clock, user, kind: release.kind, version, environment, chain, override: null };
  const gates = await evaluateGates(deps.gates, context, recheckedGates);
  return { gates, contentHash: version.contentHash, changes: gateChanges(given, gates) };
}
