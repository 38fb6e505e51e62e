import type { ReleaseApproval } from '../../core/api/release';
import { codicon, el, section, timeElement } from '../shared/dom';
import type { ReleaseDetailsState } from './protocol';

/** What a decision was given on: the version's content hash and each gate's verdict then. */
function givenOn(decision: ReleaseApproval): HTMLElement | null {
  if (decision.contentHash === null || decision.gates === null) return null;
  const passed = decision.gates.filter((gate) => gate.passed).length;
  const verdicts = decision.gates.map((gate) => `${gate.passed ? '✓' : '✗'} ${gate.gate}: ${gate.reason}`).join('\n');
  return el(
    'span',
    { class: 'given-on muted', title: verdicts },
    `given on content ${decision.contentHash.slice(0, 12)} · gates: ${decision.gates.map((gate) => `${gate.gate} ${gate.passed ? '✓' : '✗'}`).join(', ')} (${passed} of ${decision.gates.length} passed)`,
  );
}

/**
 * Decisions so far (who, when, comment, what each was given on), the progress towards the required count, and
 * the decisions invalidated because a gate verdict changed before the release started.
 */
export function approvalsSection(state: ReleaseDetailsState, now: number): HTMLElement | null {
  const { release, approval } = state;
  if (!release) return null;
  const progress = approval
    ? el('p', { id: 'approval-progress' }, `${approval.approvals} of ${approval.required} approvals · reviewers: ${approval.policy.reviewers.join(', ')}`)
    : el('p', { id: 'approval-progress', class: 'muted' }, 'This release needs no approval.');
  const decisions =
    release.approvals.length === 0
      ? el('p', { class: 'muted' }, approval ? 'No decisions yet.' : '')
      : el(
          'ul',
          { class: 'decisions' },
          ...release.approvals.map((decision) =>
            el(
              'li',
              { class: `decision decision-${decision.decision}` },
              codicon(decision.decision === 'approve' ? 'check' : 'close'),
              el('span', { class: 'decision-user' }, decision.user),
              el('span', {}, decision.decision === 'approve' ? ' approved ' : ' rejected '),
              timeElement(decision.at, now, { class: 'muted' }),
              decision.comment ? el('blockquote', {}, decision.comment) : null,
              givenOn(decision),
            ),
          ),
        );
  const invalidated =
    release.invalidatedApprovals.length === 0
      ? null
      : el(
          'div',
          { id: 'invalidated-approvals' },
          el('h3', {}, 'Invalidated'),
          el(
            'ul',
            { class: 'decisions' },
            ...release.invalidatedApprovals.map((decision) =>
              el(
                'li',
                { class: 'decision decision-invalidated' },
                codicon('circle-slash'),
                el('span', { class: 'decision-user' }, decision.user),
                el('span', {}, decision.decision === 'approve' ? ' approved ' : ' rejected '),
                timeElement(decision.at, now, { class: 'muted' }),
                el('blockquote', { class: 'invalidation-reason' }, 'Invalidated ', timeElement(decision.invalidatedAt, now), `: ${decision.reason}`),
                givenOn(decision),
              ),
            ),
          ),
        );
  return section('approvals', 'Approvals', progress, decisions, invalidated);
}
