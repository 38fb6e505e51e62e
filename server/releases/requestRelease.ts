import { randomUUID } from 'node:crypto';
import { canDeployTo } from '../../core/access/roleMatrix';
import type { DryRun, Release, ReleaseKind } from '../../core/api/release';
import type { AuthUser } from '../appEnv';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import { listEnvironmentRecords, previousInChain } from '../environments/environmentStore';
import { ConflictError, ForbiddenError, GateFailedError, NotFoundError } from '../errors';
import { evaluateGates } from '../gates/gate';
import type { ServiceDeps } from '../serviceDeps';
import { findVersion } from '../versions/versionStore';
import { releasePlan } from './releasePlan';
import { findRelease, hasSucceeded, type NewRelease } from './releaseStore';
import { holdForApproval, startReleaseNow } from './startRelease';

/** What a release request asks for. */
export interface ReleaseRequest {
  version: string;
  environment: string;
  kind: ReleaseKind;
  dryRun?: boolean;
}

/** A started (or waiting) release, or the answer of a dry run. */
export type ReleaseAnswer = { release: Release } | { dryRun: DryRun };

/**
 * Requests a deploy or promotion, checking in the contract's order: the deploy right for the environment (403),
 * the environment and version (404), every enabled gate (422 listing all verdicts), then the lock (409). A
 * release that passes starts at once in the background; one a gate holds for approval is stored `pending`.
 */
export async function requestRelease(deps: ServiceDeps, user: AuthUser, request: ReleaseRequest): Promise<ReleaseAnswer> {
  const chain = await listEnvironmentRecords(deps.db);
  const environment = deployableEnvironment(chain, request.environment, user);
  const version = await findVersion(deps.db, request.version);
  if (!version) throw new NotFoundError('version', request.version);
  const verdicts = await evaluateGates(deps.gates, { db: deps.db, clock: deps.clock, user, kind: request.kind, version, environment, chain, override: null });
  const gates = verdicts;
  const wouldPass = verdicts.every((v) => v.passed);
  if (request.dryRun) {
    const needsApproval = verdicts.some((v) => v.awaitsApproval);
    return { dryRun: { gates, plan: await releasePlan(deps.db, version, environment.activeVersion), wouldPass, needsApproval } };
  }
  if (!wouldPass) throw new GateFailedError(gates);
  const release = newRelease(deps, user, request.kind, version.tag, environment.name, gates, null);
  if (verdicts.some((v) => v.awaitsApproval)) return { release: await holdForApproval(deps, release) };
  return { release: await startReleaseNow(deps, release) };
}

/** Promotes the version active in `from` (default: the previous environment of the chain) to `environment`. */
export async function requestPromotion(
  deps: ServiceDeps,
  user: AuthUser,
  environmentName: string,
  from: string | undefined,
): Promise<Release> {
  const chain = await listEnvironmentRecords(deps.db);
  const environment = deployableEnvironment(chain, environmentName, user);
  const source = from ? chain.find((e) => e.name === from) : previousInChain(chain, environment);
  if (from && !source) throw new NotFoundError('environment', from);
  if (!source) throw new ConflictError('no_previous_environment', `${environment.name} is the first environment of the chain: there is nothing to promote from`);
  if (!source.activeVersion) throw new ConflictError('nothing_to_promote', `${source.name} has no active version to promote`, { from: source.name });
  const answer = await requestRelease(deps, user, { version: source.activeVersion, environment: environment.name, kind: 'promote' });
  if (!('release' in answer)) throw new Error('a promotion is never a dry run');
  return answer.release;
}

/**
 * Rolls an environment back to a version that succeeded there before (default: the one active before the
 * current). Instant: the bundle is already in the environment database; no gates run.
 */
export async function requestRollback(
  deps: ServiceDeps,
  user: AuthUser,
  environmentName: string,
  request: { version?: string; reason?: string },
): Promise<Release> {
  const chain = await listEnvironmentRecords(deps.db);
  const environment = deployableEnvironment(chain, environmentName, user);
  const target = request.version ?? (await versionBeforeCurrent(deps, environment));
  if (!target) throw new ConflictError('nothing_to_roll_back', `${environment.name} has no earlier version to roll back to`);
  if (target === environment.activeVersion) {
    throw new ConflictError('already_active', `${target} is already active in ${environment.name}`, { version: target });
  }
  if (!(await hasSucceeded(deps.db, environment.name, target))) {
    throw new ConflictError('not_deployed_here', `${target} was never deployed successfully to ${environment.name}`, { version: target });
  }
  const release = newRelease(deps, user, 'rollback', target, environment.name, [], request.reason ?? null);
  return startReleaseNow(deps, release);
}

function deployableEnvironment(chain: readonly EnvironmentRecord[], name: string, user: AuthUser): EnvironmentRecord {
  const environment = chain.find((e) => e.name === name);
  if (!environment) throw new NotFoundError('environment', name);
  if (!canDeployTo(user.role, environment)) {
    throw new ForbiddenError(`the ${user.role} role may not deploy to ${environment.name} (needs ${environment.deployRole})`, 'forbidden', {
      environment: environment.name,
      deployRole: environment.deployRole,
    });
  }
  return environment;
}

async function versionBeforeCurrent(deps: ServiceDeps, environment: EnvironmentRecord): Promise<string | null> {
  if (!environment.activeReleaseId) return null;
  const current = await findRelease(deps.db, environment.activeReleaseId);
  return current?.release.previousVersion ?? null;
}

function newRelease(
  deps: ServiceDeps,
  user: AuthUser,
  kind: ReleaseKind,
  version: string,
  environment: string,
  gates: Release['gates'],
  note: string | null,
): NewRelease {
  return { id: randomUUID(), version, environment, kind, requestedBy: { id: user.id, name: user.name }, requestedAt: deps.clock(), gates, note };
}
