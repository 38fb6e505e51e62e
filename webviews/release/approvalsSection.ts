import { codicon, el, section, timeElement } from '../shared/dom';
import type { ReleaseDetailsState } from './protocol';

/** Decisions so far (who, when, comment) and the progress towards the required count. */
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
            ),
          ),
        );
  return section('approvals', 'Approvals', progress, decisions);
}
