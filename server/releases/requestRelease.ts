import { randomUUID } from 'node:crypto';
import { canDeployTo } from '../../core/access/roleMatrix';
import type { DryRun, FreezeOverrideRequest, Release, ReleaseKind } from '../../core/api/release';
import type { Version } from '../../core/api/version';
import { activeFreeze } from '../../core/gates/freezeWindows';
import type { GateResult } from '../../core/gates/gateResult';
import type { AuthUser } from '../appEnv';
import { appendStandaloneAuditEvents } from '../audit/appendAuditEvent';
import type { AuditEventInput } from '../audit/auditEvent';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import { listEnvironmentRecords, previousInChain } from '../environments/environmentStore';
import { ConflictError, ForbiddenError, GateFailedError, NotFoundError } from '../errors';
import { evaluateGates } from '../gates/gate';
import type { ServiceDeps } from '../serviceDeps';
import { findVersion } from '../versions/versionStore';
import { freezeOverriddenEvent, releaseRequestedEvent } from './releaseAudit';
import { gatewayPlans, releasePlan } from './releasePlan';
import { findRelease, hasSucceeded, type NewRelease } from './releaseStore';
import { holdForApproval, startReleaseNow } from './startRelease';

/** What a release request asks for. */
export interface ReleaseRequest {
  version: string;
  environment: string;
  kind: ReleaseKind;
  dryRun?: boolean;
  override?: FreezeOverrideRequest;
}

/** A started (or waiting) release, or the answer of a dry run. */
export type ReleaseAnswer = { release: Release } | { dryRun: DryRun };

/**
 * Requests a deploy or promotion, checking in the contract's order: the deploy right for the environment and
 * the right to a break-glass override (403), the environment and version (404), every enabled gate (422 listing
 * all verdicts, audited as a refused `release.requested`), then the lock (409). A release that passes starts at
 * once in the background; one the approvals gate holds is stored `pending` and takes no lock.
 */
export async function requestRelease(deps: ServiceDeps, user: AuthUser, request: ReleaseRequest): Promise<ReleaseAnswer> {
  const chain = await listEnvironmentRecords(deps.db);
  const environment = deployableEnvironment(chain, request.environment, user, request.override !== undefined);
  const version = await findVersion(deps.db, request.version);
  if (!version) throw new NotFoundError('version', request.version);
  const override = request.override ?? null;
  const gates = await evaluateGates(deps.gates, { db: deps.db, clock: deps.clock, user, kind: request.kind, version, environment, chain, override });
  if (request.dryRun) return { dryRun: await dryRunAnswer(deps, gates, version, environment) };
  const release = newRelease(deps, user, request.kind, version.tag, environment.name, gates, null);
  await refuseUnlessGatesPass(deps, release, override);
  const policy = environment.approvalPolicy;
  const awaitsApproval = policy !== null && gates.some((verdict) => verdict.awaitsApproval);
  const events = requestEvents(environment, release, awaitsApproval ? 'waiting' : 'not-required', override);
  if (awaitsApproval) return { release: await holdForApproval(deps, release, policy, events) };
  return { release: await startReleaseNow(deps, release, events) };
}

/** What a dry run answers: every verdict, the artifact plan against what is active, and what would follow. */
async function dryRunAnswer(deps: ServiceDeps, gates: GateResult[], version: Version, environment: EnvironmentRecord): Promise<DryRun> {
  const wouldPass = gates.every((verdict) => verdict.passed);
  const needsApproval = gates.some((verdict) => verdict.awaitsApproval);
  const [plan, gateways] = await Promise.all([releasePlan(deps.db, version, environment.activeVersion), gatewayPlans(deps.db, environment, version)]);
  return { gates, plan, gateways, wouldPass, needsApproval };
}

/**
 * Promotes the version active in `from` (default: the previous environment of the chain) to `environment`;
 * with `dryRun`, answers what the promotion would do instead.
 */
export async function requestPromotion(
  deps: ServiceDeps,
  user: AuthUser,
  environmentName: string,
  request: { from?: string; dryRun?: boolean; override?: FreezeOverrideRequest },
): Promise<ReleaseAnswer> {
  const chain = await listEnvironmentRecords(deps.db);
  const environment = deployableEnvironment(chain, environmentName, user, request.override !== undefined);
  const source = request.from ? chain.find((e) => e.name === request.from) : previousInChain(chain, environment);
  if (request.from && !source) throw new NotFoundError('environment', request.from);
  if (!source) throw new ConflictError('no_previous_environment', `${environment.name} is the first environment of the chain: there is nothing to promote from`);
  if (!source.activeVersion) throw new ConflictError('nothing_to_promote', `${source.name} has no active version to promote`, { from: source.name });
  return requestRelease(deps, user, {
    version: source.activeVersion,
    environment: environment.name,
    kind: 'promote',
    dryRun: request.dryRun,
    override: request.override,
  });
}

/**
 * Rolls an environment back to a version that succeeded there before (default: the one active before the
 * current). Instant: the bundle is already in the environment database. Of the gates only a deploy freeze
 * applies (nothing may change during one without an admin's break-glass); the version already passed the rest.
 * With `dryRun`, answers what the rollback would do instead.
 */
export async function requestRollback(
  deps: ServiceDeps,
  user: AuthUser,
  environmentName: string,
  request: { version?: string; reason?: string; dryRun?: boolean; override?: FreezeOverrideRequest },
): Promise<ReleaseAnswer> {
  const chain = await listEnvironmentRecords(deps.db);
  const environment = deployableEnvironment(chain, environmentName, user, request.override !== undefined);
  const target = request.version ?? (await versionBeforeCurrent(deps, environment));
  if (!target) throw new ConflictError('nothing_to_roll_back', `${environment.name} has no earlier version to roll back to`);
  if (target === environment.activeVersion) {
    throw new ConflictError('already_active', `${target} is already active in ${environment.name}`, { version: target });
  }
  if (!(await hasSucceeded(deps.db, environment.name, target))) {
    throw new ConflictError('not_deployed_here', `${target} was never deployed successfully to ${environment.name}`, { version: target });
  }
  const version = await findVersion(deps.db, target);
  if (!version) throw new NotFoundError('version', target);
  const override = request.override ?? null;
  const context = { db: deps.db, clock: deps.clock, user, kind: 'rollback' as const, version, environment, chain, override };
  const gates = await evaluateGates(deps.gates, context, ['freeze']);
  if (request.dryRun) return { dryRun: await dryRunAnswer(deps, gates, version, environment) };
  const release = newRelease(deps, user, 'rollback', target, environment.name, gates, request.reason ?? null);
  await refuseUnlessGatesPass(deps, release, override);
  return { release: await startReleaseNow(deps, release, requestEvents(environment, release, 'not-required', override)) };
}

/**
 * The environment, if the user may deploy to it (403 otherwise, checked before the input is looked at further).
 * A break-glass override is an admin's alone: anyone else sending one is refused whatever the environment.
 */
export function deployableEnvironment(chain: readonly EnvironmentRecord[], name: string, user: AuthUser, breakGlass: boolean): EnvironmentRecord {
  const environment = chain.find((e) => e.name === name);
  if (breakGlass) assertMayOverride(user);
  if (!environment) throw new NotFoundError('environment', name);
  if (!canDeployTo(user.role, environment)) {
    throw new ForbiddenError(`the ${user.role} role may not deploy to ${environment.name} (needs ${environment.deployRole})`, 'forbidden', {
      environment: environment.name,
      deployRole: environment.deployRole,
    });
  }
  return environment;
}

/** Only an admin may override a deploy freeze. */
function assertMayOverride(user: AuthUser): void {
  if (user.role !== 'admin') {
    throw new ForbiddenError('only an admin may override a deploy freeze (break-glass)', 'forbidden', { role: user.role, action: 'override-freeze' });
  }
}

/** What the accepted request records before the release waits or starts: `release.requested`, and a break-glass. */
function requestEvents(
  environment: EnvironmentRecord,
  release: NewRelease,
  approval: 'waiting' | 'not-required',
  override: FreezeOverrideRequest | null,
): AuditEventInput[] {
  const requested = releaseRequestedEvent(release, release.gates, { outcome: 'accepted', approval }, override?.reason ?? null);
  const overridden = release.gates.some((verdict) => verdict.gate === 'freeze' && verdict.overridden);
  const window = overridden ? activeFreeze(environment.freezeWindows, release.requestedAt) : null;
  return window && override ? [requested, freezeOverriddenEvent(release, override.reason, window)] : [requested];
}

/** A 422 listing every verdict when a gate refuses the release, audited as a refused `release.requested`. */
async function refuseUnlessGatesPass(deps: ServiceDeps, release: NewRelease, override: FreezeOverrideRequest | null): Promise<void> {
  if (release.gates.every((verdict) => verdict.passed)) return;
  const refused = releaseRequestedEvent(release, release.gates, { outcome: 'refused' }, override?.reason ?? null);
  await appendStandaloneAuditEvents(deps.db, [refused], deps.clock());
  throw new GateFailedError(release.gates);
}

async function versionBeforeCurrent(deps: ServiceDeps, environment: EnvironmentRecord): Promise<string | null> {
  if (!environment.activeReleaseId) return null;
  const current = await findRelease(deps.db, environment.activeReleaseId);
  return current?.release.previousVersion ?? null;
}

function newRelease(deps: ServiceDeps, user: AuthUser, kind: ReleaseKind, version: string, environment: string, gates: GateResult[], note: string | null): NewRelease {
  return { id: randomUUID(), version, environment, kind, requestedBy: { id: user.id, name: user.name }, requestedAt: deps.clock(), gates, note };
}
