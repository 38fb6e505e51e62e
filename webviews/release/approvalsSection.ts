import type { Approval } from '../../core/api/approval';
import type { Release } from '../../core/api/release';
import { codicon, el, section } from './dom';
import { timeText } from './timeText';

/** Decisions so far (who, when, comment) and the progress towards the required count. */
export function decisionsSection(release: Release, approval: Approval | null): HTMLElement {
  const progress = approval
    ? el('p', { id: 'approval-progress' }, `${approval.approvals} of ${approval.required} approvals · reviewers: ${approval.policy.reviewers.join(', ')}`)
    : el('p', { id: 'approval-progress', class: 'muted' }, 'This release needs no approval.');
  const decisions =
    release.approvals.length === 0
      ? el('p', { class: 'muted' }, 'No decisions yet.')
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
              el('time', { datetime: decision.at, class: 'muted' }, timeText(decision.at)),
              decision.comment ? el('blockquote', {}, decision.comment) : null,
            ),
          ),
        );
  return section('approvals', 'Approvals', progress, decisions);
}
