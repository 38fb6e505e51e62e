import { environmentCapabilities } from '../../core/access/capabilities';
import { can } from '../../core/access/roleMatrix';
import type { Approval } from '../../core/api/approval';
import type { Environment } from '../../core/api/environment';
import type { Evaluation } from '../../core/api/evaluation';
import type { Release } from '../../core/api/release';
import type { Me } from '../../core/api/user';
import type { Check, Version } from '../../core/api/version';
import { evaluateEvaluationGate } from '../../core/gates/evaluationGate';
import { activeFreeze } from '../../core/gates/freezeWindows';
import { evaluateRequiredChecks } from '../../core/gates/requiredChecksGate';
import { bumpAtLeast } from '../../core/versioning/declaredBump';
import { compareVersionTags } from '../../core/versioning/semverTag';
import type { PipelineCell, PipelineCellAction, PipelineEnvironment, PipelineState, PipelineVersion } from '../../webviews/pipeline/protocol';

/** What the pipeline is computed from, as the API returns it. */
export interface PipelineInputs {
  me: Me;
  environments: readonly Environment[];
  versions: readonly Version[];
  /** Each environment's releases, newest first. */
  releases: ReadonlyMap<string, readonly Release[]>;
  /** The releases waiting for approval. */
  approvals: readonly Approval[];
  /** The checks reported for the versions that could go to an environment requiring checks next. */
  checks: ReadonlyMap<string, readonly Check[]>;
  /**
   * The evaluation results (newest first, as the API lists them) of the versions that could go to an environment
   * requiring evaluations next, and of the versions active there.
   */
  evaluations: ReadonlyMap<string, readonly Evaluation[]>;
  now: Date;
}

/** The versions the pipeline shows, newest first. */
export const pipelineVersionCount = 15;

/**
 * The Release Pipeline: for every version (newest first) and environment (chain order) where it stands — active,
 * ran there before, waiting for reviewers, deploying, failed — and what the signed-in user may do with it. An
 * action is offered only when the role allows it and no gate is known to refuse it; what stands in the way is
 * said in the cell instead, with the action that fixes it (e.g. "Report Check…").
 */
export function pipelineModel(inputs: PipelineInputs): Omit<PipelineState, 'problem' | 'loadedAt'> {
  const environments = [...inputs.environments].sort((a, b) => a.order - b.order);
  const versions = shownVersions(inputs.versions);
  return {
    me: inputs.me,
    environments: environments.map((environment) => column(environment, inputs)),
    versions: versions.map((version): PipelineVersion => ({
      tag: version.tag,
      createdAt: version.createdAt,
      createdBy: version.createdBy,
      message: version.message,
      valid: version.valid,
      inferredBump: version.inferredBump,
      cells: environments.map((environment, index) => cell(version, environment, environments[index - 1] ?? null, inputs)),
    })),
    moreVersions: inputs.versions.length > versions.length,
    canCreateVersion: can(inputs.me.role, 'create-version'),
  };
}

/** The versions the pipeline shows: the newest by semver precedence. */
export function shownVersions(versions: readonly Version[]): Version[] {
  return [...versions].sort((a, b) => compareVersionTags(b.tag, a.tag)).slice(0, pipelineVersionCount);
}

function column(environment: Environment, inputs: PipelineInputs): PipelineEnvironment {
  const freeze = activeFreeze(environment.freezeWindows, inputs.now);
  const capabilities = environmentCapabilities(inputs.me, environment);
  const target = rollbackTarget(environment, inputs.releases.get(environment.name) ?? []);
  return {
    name: environment.name,
    tier: environment.tier,
    activeVersion: environment.activeVersion,
    frozen: freeze ? freeze.reason : null,
    requirements: requirements(environment),
    rollbackTo: capabilities.canRollback && !freeze ? target : null,
    waiting: environment.pendingApprovals,
  };
}

/** The newest version that succeeded here other than the active one: what a one-click rollback restores. */
export function rollbackTarget(environment: Environment, releases: readonly Release[]): string | null {
  if (environment.activeVersion === null) return null;
  return releases.find((release) => release.status === 'succeeded' && release.version !== environment.activeVersion)?.version ?? null;
}

function requirements(environment: Environment): string[] {
  const needs: string[] = [];
  const checks = environment.gates['required-checks'] ?? [];
  if (checks.length > 0) needs.push(`checks: ${checks.join(', ')}`);
  const suites = environment.gates.evaluation ?? [];
  if (suites.length > 0) needs.push(`evaluation: ${suites.map((requirement) => requirement.suite).join(', ')}`);
  if (environment.gates.approvals && environment.approvalPolicy) {
    const { required, reviewers } = environment.approvalPolicy;
    needs.push(`${required} ${required === 1 ? 'approval' : 'approvals'} from ${reviewers.join(' or ')}`);
  }
  return needs;
}

function cell(version: Version, environment: Environment, previous: Environment | null, inputs: PipelineInputs): PipelineCell {
  const releases = (inputs.releases.get(environment.name) ?? []).filter((release) => release.version === version.tag);
  const latest = releases[0];
  const base = { environment: environment.name, releaseId: latest?.id ?? null, at: latest ? (latest.finishedAt ?? latest.startedAt ?? latest.requestedAt) : null };
  const capabilities = environmentCapabilities(inputs.me, environment);

  if (environment.activeVersion === version.tag) return { ...base, state: 'active', note: activeNote(latest), actions: [] };
  if (latest?.status === 'pending' && latest.approval === 'waiting') {
    const approval = inputs.approvals.find((candidate) => candidate.releaseId === latest.id);
    const note = approval ? `${approval.approvals} of ${approval.required} approvals — waiting for ${approval.policy.reviewers.join(' or ')}` : 'waiting for approval';
    return { ...base, state: 'waiting', note, actions: [{ kind: 'review', label: approval?.canDecide ? 'Review' : 'Details' }] };
  }
  if (latest?.status === 'in-progress') return { ...base, state: 'deploying', note: `${latest.kind} by ${latest.requestedBy}`, actions: [] };
  if (latest?.status === 'pending') return { ...base, state: 'queued', note: 'approved; waiting for the environment to be free', actions: [] };

  const ranHere = releases.some((release) => release.status === 'succeeded');
  if (ranHere) {
    const actions: PipelineCellAction[] =
      capabilities.canRollback && !activeFreeze(environment.freezeWindows, inputs.now) && environment.activeVersion !== null
        ? [{ kind: 'rollback', label: 'Roll back to this' }]
        : [];
    return { ...base, state: 'previous', note: null, actions };
  }
  const offer = nextStep(version, environment, previous, inputs);
  if (latest?.status === 'failed') {
    const state = latest.approval === 'rejected' || latest.approval === 'expired' ? 'rejected' : 'failed';
    return { ...base, state, note: latest.reason ?? state, actions: offer.actions };
  }
  return { ...base, state: 'none', note: offer.note, actions: offer.actions };
}

function activeNote(latest: Release | undefined): string | null {
  if (!latest) return 'active';
  return latest.kind === 'rollback' ? `rolled back here by ${latest.requestedBy}` : `${latest.kind} by ${latest.requestedBy}`;
}

/**
 * How this version could reach this environment next, and what stands in the way. Deploying to the first
 * environment needs the deploy right; any later one needs the version to have run in the previous environment
 * (a promotion when it is active there). Known refusals — invalid artifacts, a freeze, a tag whose bump is too
 * small, missing checks, evaluation results missing or out of bounds — are said instead of offering the action; a
 * missing check offers "Report Check…", an evaluation "Report Evaluation…".
 */
function nextStep(
  version: Version,
  environment: Environment,
  previous: Environment | null,
  inputs: PipelineInputs,
): { note: string | null; actions: PipelineCellAction[] } {
  const capabilities = environmentCapabilities(inputs.me, environment);
  const ranBefore = previous === null || (inputs.releases.get(previous.name) ?? []).some((release) => release.version === version.tag && release.status === 'succeeded');
  if (!ranBefore) return { note: null, actions: [] };
  if (!capabilities.canDeploy) return { note: `deploys need the ${environment.deployRole} role`, actions: [] };
  const gates = environment.gates;
  if (gates.validation && !version.valid) return { note: 'has validation errors: the validation gate refuses it', actions: [] };
  if (gates['semver-policy'] && !bumpAtLeast(version.declaredBump, version.inferredBump)) {
    return { note: `its tag declares a ${version.declaredBump} bump, the changes call for ${version.inferredBump}`, actions: [] };
  }
  const freeze = activeFreeze(environment.freezeWindows, inputs.now);
  if (freeze) return { note: `frozen: ${freeze.reason}`, actions: [] };
  const required = gates['required-checks'] ?? [];
  if (required.length > 0) {
    const verdict = evaluateRequiredChecks(
      required,
      (inputs.checks.get(version.tag) ?? []).map((check) => ({ name: check.name, status: check.status, at: check.reportedAt })),
    );
    if (!verdict.passed) return { note: verdict.reason, actions: [{ kind: 'reportCheck', label: 'Report Check…' }] };
  }
  const suites = gates.evaluation ?? [];
  if (suites.length > 0) {
    const resultsOf = (tag: string) => ({ tag, results: [...(inputs.evaluations.get(tag) ?? [])].reverse() });
    const active = environment.activeVersion === null ? null : resultsOf(environment.activeVersion);
    const verdict = evaluateEvaluationGate({ requirements: suites, candidate: resultsOf(version.tag), active, environment: environment.name });
    if (!verdict.passed) return { note: verdict.reason, actions: [{ kind: 'reportEvaluation', label: 'Report Evaluation…' }] };
  }
  const promotion = previous !== null && previous.activeVersion === version.tag;
  const label = `${promotion ? 'Promote' : 'Deploy'}${gates.approvals && environment.approvalPolicy ? ' (needs approval)' : ''}`;
  return { note: null, actions: [{ kind: promotion ? 'promote' : 'deploy', label }] };
}

/**
 * The versions whose checks the pipeline needs: those shown that ran in the environment before one requiring
 * checks and have not run there yet (the candidates for its next release).
 */
export function versionsNeedingChecks(environments: readonly Environment[], releases: ReadonlyMap<string, readonly Release[]>, shown: readonly string[]): string[] {
  return candidateVersions(environments, releases, shown, (environment) => (environment.gates['required-checks'] ?? []).length > 0);
}

/**
 * The versions whose evaluation results the pipeline needs: the candidates for the next release of each
 * environment requiring evaluations, and the version active there (what the relative bounds compare with).
 */
export function versionsNeedingEvaluations(environments: readonly Environment[], releases: ReadonlyMap<string, readonly Release[]>, shown: readonly string[]): string[] {
  const requires = (environment: Environment) => (environment.gates.evaluation ?? []).length > 0;
  const active = environments.filter(requires).flatMap((environment) => (environment.activeVersion === null ? [] : [environment.activeVersion]));
  return [...new Set([...candidateVersions(environments, releases, shown, requires), ...active])];
}

/** The versions shown that ran in the environment before one that `requires` something and have not run there yet. */
function candidateVersions(
  environments: readonly Environment[],
  releases: ReadonlyMap<string, readonly Release[]>,
  shown: readonly string[],
  requires: (environment: Environment) => boolean,
): string[] {
  const sorted = [...environments].sort((a, b) => a.order - b.order);
  const tags = new Set<string>();
  sorted.forEach((environment, index) => {
    const previous = sorted[index - 1];
    if (!previous || !requires(environment)) return;
    const succeeded = (name: string) => new Set((releases.get(name) ?? []).filter((release) => release.status === 'succeeded').map((release) => release.version));
    const before = succeeded(previous.name);
    const here = succeeded(environment.name);
    for (const tag of shown) if (before.has(tag) && !here.has(tag) && tag !== environment.activeVersion) tags.add(tag);
  });
  return [...tags];
}
