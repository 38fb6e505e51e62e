import type { Approval } from '../../core/api/approval';
import type { Release, ReleaseGatewayResult } from '../../core/api/release';
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
  const step = (id: TimelineStep['id'], title: string, state: TimelineStep['state'], at: string | null, detail: string | null): TimelineStep => ({
    id,
    title,
    state,
    at,
    detail,
  });

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
  else if (release.approval === 'waiting')
    approvalsStep = step(
      'approvals',
      'Approvals',
      'current',
      lastDecision,
      approval ? `${approval.approvals} of ${approval.required} approvals — waiting for ${approval.policy.reviewers.join(' or ')}` : 'waiting for reviewers',
    );
  else if (release.approval === 'approved')
    approvalsStep = step('approvals', 'Approvals', 'done', lastDecision, approval ? `${approval.approvals} of ${approval.required} approvals` : 'approved');
  else
    approvalsStep = step(
      'approvals',
      'Approvals',
      'failed',
      lastDecision ?? release.finishedAt,
      release.approval === 'expired' ? 'expired before enough reviewers approved' : (release.reason ?? 'rejected'),
    );

  let deployingState: TimelineStep['state'] = 'upcoming';
  if (release.status === 'in-progress') deployingState = 'current';
  else if (started) deployingState = failed ? 'failed' : 'done';
  // Rejected, expired or refused before it started: nothing was deployed.
  else if (failed) deployingState = 'skipped';
  const deploying = step(
    'deploying',
    release.kind === 'rollback' ? 'Re-activating' : 'Deploying',
    deployingState,
    release.startedAt,
    started && failed ? release.reason : release.kind === 'rollback' ? 'the stored bundle becomes active again' : null,
  );

  const gatewaysStep = gatewayStep(release, environment?.gateways ?? 0, deployingState);

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

  return [
    step('requested', 'Requested', 'done', release.requestedAt, `${release.kind} of ${release.version} by ${release.requestedBy}`),
    gatesStep,
    approvalsStep,
    deploying,
    gatewaysStep,
    active,
  ];
}

/** "all 5 passed", or "4 passed, 1 waiting for reviewers". */
function gatesSummary(gates: readonly GateView[]): string {
  const waiting = gates.filter((gate) => gate.verdict === 'waiting').length;
  const passed = gates.length - waiting;
  return waiting === 0 ? `all ${passed} passed` : `${passed} passed, ${waiting} waiting for reviewers`;
}

/** The gateways step: what each gateway did with the release (its own record), or what the environment has now. */
function gatewayStep(release: Release, configured: number, deployingState: TimelineStep['state']): TimelineStep {
  const results = release.gateways;
  const count = results.length > 0 ? results.length : configured;
  const title = count === 0 ? 'Gateways' : `Gateways (${count})`;
  const base = { id: 'gateways' as const, title };
  if (results.length > 0) {
    const failed = results.some((result) => result.outcome === 'failed');
    return { ...base, state: failed ? 'failed' : 'done', at: release.finishedAt, detail: results.map(gatewayResultText).join('; ') };
  }
  if (count === 0)
    return {
      ...base,
      state: release.status === 'succeeded' || deployingState === 'skipped' ? 'skipped' : 'upcoming',
      at: null,
      detail: 'no gateway configured for this environment',
    };
  if (release.status === 'succeeded') return { ...base, state: 'done', at: release.finishedAt, detail: `${count} acknowledged the activation` };
  if (deployingState === 'failed') return { ...base, state: 'failed', at: release.finishedAt, detail: 'the previous version was re-sent to every gateway' };
  return { ...base, state: release.status === 'in-progress' ? 'current' : deployingState === 'skipped' ? 'skipped' : 'upcoming', at: null, detail: null };
}

/** "http://marie-1 published 3 (2 not sent: agents, processors)", or how it failed and how it was restored. */
function gatewayResultText(result: ReleaseGatewayResult): string {
  const parts = [`${result.url} ${result.outcome === 'published' ? `published ${result.published.length}` : `failed: ${result.detail}`}`];
  if (result.removed.length > 0) parts.push(`removed ${result.removed.join(', ')}`);
  if (result.notSent.length > 0) parts.push(`not sent ${result.notSent.length} (${result.type === 'marie' ? 'Marie takes workflows only' : 'not published'})`);
  if (result.restore) parts.push(`restored ${result.restore.version ?? 'nothing'}: ${result.restore.outcome === 'published' ? 'ok' : result.restore.detail}`);
  return parts.join(', ');
}
