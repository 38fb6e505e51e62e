import type { Approval } from '../../core/api/approval';
import type { Release } from '../../core/api/release';
import type { GateView, TimelineStep } from '../../webviews/release/protocol';

/** What the timeline needs to know about the environment now. */
export interface TimelineEnvironment {
  activeVersion: string | null;
  gateways: number;
}

/**
 * A release's life as steps: requested → gates → approvals → deploying → gateways → active, each done, current,
 * failed, skipped or still to come. Pure: derived from the release, its approval process and its environment.
 */
export function releaseTimeline(release: Release, approval: Approval | null, gates: readonly GateView[], environment: TimelineEnvironment | null): TimelineStep[] {
  const failed = release.status === 'failed';
  const started = release.startedAt !== null;
  const succeeded = release.status === 'succeeded';
  const step = (id: TimelineStep['id'], title: string, state: TimelineStep['state'], at: string | null, detail: string | null): TimelineStep => ({ id, title, state, at, detail });

  const refused = gates.filter((gate) => gate.verdict === 'failed' && gate.gate !== 'approvals');
  const gatesStep = step(
    'gates',
    'Quality gates',
    refused.length > 0 ? 'failed' : 'done',
    release.requestedAt,
    gates.length === 0 ? 'no gates configured' : refused.length > 0 ? refused.map((gate) => `${gate.gate}: ${gate.reason}`).join('; ') : gatesSummary(gates),
  );

  const lastDecision = release.approvals.at(-1)?.at ?? null;
  let approvalsStep: TimelineStep;
  if (release.approval === 'not-required') approvalsStep = step('approvals', 'Approvals', 'skipped', null, 'not required here');
  else if (release.approval === 'waiting') approvalsStep = step('approvals', 'Approvals', 'current', lastDecision, approval ? `${approval.approvals} of ${approval.required} approvals — waiting for ${approval.policy.reviewers.join(' or ')}` : 'waiting for reviewers');
  else if (release.approval === 'approved') approvalsStep = step('approvals', 'Approvals', 'done', lastDecision, approval ? `${approval.approvals} of ${approval.required} approvals` : 'approved');
  else approvalsStep = step('approvals', 'Approvals', 'failed', lastDecision ?? release.finishedAt, release.approval === 'expired' ? 'expired before enough reviewers approved' : (release.reason ?? 'rejected'));

  let deployingState: TimelineStep['state'] = 'upcoming';
  if (release.status === 'in-progress') deployingState = 'current';
  else if (started) deployingState = failed ? 'failed' : 'done';
  // Rejected, expired or refused before it started: nothing was deployed.
  else if (failed) deployingState = 'skipped';
  const deploying = step('deploying', release.kind === 'rollback' ? 'Re-activating' : 'Deploying', deployingState, release.startedAt, started && failed ? release.reason : release.kind === 'rollback' ? 'the stored bundle becomes active again' : null);

  const gatewayCount = environment?.gateways ?? 0;
  const gatewaysTitle = gatewayCount === 0 ? 'Gateways' : `Gateways (${gatewayCount})`;
  const gatewaysStep =
    gatewayCount === 0
      ? step('gateways', gatewaysTitle, succeeded || deployingState === 'skipped' ? 'skipped' : 'upcoming', null, 'no gateway configured for this environment')
      : step('gateways', gatewaysTitle, succeeded ? 'done' : started && failed ? 'failed' : release.status === 'in-progress' ? 'current' : 'upcoming', succeeded ? release.finishedAt : null, succeeded ? `${gatewayCount} acknowledged the activation` : started && failed ? 'the previous version was re-sent to every gateway' : null);

  let active: TimelineStep;
  if (succeeded) {
    const replaced = environment && environment.activeVersion !== release.version ? ` — replaced since by ${environment.activeVersion ?? 'nothing'}` : '';
    active = step('active', 'Active', 'done', release.finishedAt, `${release.version} became active in ${release.environment}${replaced}`);
  } else if (failed) {
    const kept = release.previousVersion ?? environment?.activeVersion ?? null;
    active = step('active', 'Active', 'failed', release.finishedAt, kept ? `${kept} stays active` : 'nothing was activated');
  } else {
    active = step('active', 'Active', 'upcoming', null, null);
  }

  return [step('requested', 'Requested', 'done', release.requestedAt, `${release.kind} of ${release.version} by ${release.requestedBy}`), gatesStep, approvalsStep, deploying, gatewaysStep, active];
}

/** "all 5 passed", or "4 passed, 1 waiting for reviewers". */
function gatesSummary(gates: readonly GateView[]): string {
  const waiting = gates.filter((gate) => gate.verdict === 'waiting').length;
  const passed = gates.length - waiting;
  return waiting === 0 ? `all ${passed} passed` : `${passed} passed, ${waiting} waiting for reviewers`;
}
