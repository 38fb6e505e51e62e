import type { Approval } from '../../core/api/approval';
import type { Release } from '../../core/api/release';
import { codicon, el } from './dom';
import { expiryText, timeText } from './timeText';

const statusIcons: Record<Release['status'], string> = {
  pending: 'clock',
  'in-progress': 'sync',
  succeeded: 'pass',
  failed: 'error',
};

/** The release at a glance: version → environment, who asked and when, its status and the time left to decide. */
export function releaseHeader(release: Release, approval: Approval | null, replaces: string | null, now: number): HTMLElement {
  const expiry = approval && approval.state === 'waiting' ? expiryText(approval.expiresAt, now) : null;
  return el(
    'header',
    { id: 'release-header' },
    el(
      'h1',
      {},
      el('span', { id: 'release-version' }, release.version),
      el('span', { class: 'arrow' }, codicon('arrow-right')),
      el('span', { id: 'release-environment' }, release.environment),
    ),
    el(
      'p',
      { class: 'badges' },
      el('vscode-badge', { id: 'release-status', class: `status-${release.status}` }, release.status),
      el('vscode-badge', { id: 'release-approval', class: `approval-${release.approval}` }, `approval ${release.approval}`),
      el('vscode-badge', {}, release.kind),
    ),
    el(
      'dl',
      { class: 'facts' },
      ...fact('Requested by', el('span', { id: 'release-requester' }, codicon('account'), ' ', release.requestedBy)),
      ...fact('Requested at', el('time', { datetime: release.requestedAt }, timeText(release.requestedAt))),
      ...fact('Replaces', el('span', { id: 'release-replaces' }, replaces ?? 'nothing (first release here)')),
      ...(approval && expiry
        ? fact(
            'Time left',
            el('span', { id: 'release-expiry', class: expiry.startsWith('expired') ? 'warning' : '' }, codicon('watch'), ' ', expiry, ` — ${timeText(approval.expiresAt)}`),
          )
        : []),
      ...(approval && !expiry ? fact('Approval', el('span', { id: 'release-expiry' }, `closed: ${approval.state}`)) : []),
      ...(release.reason ? fact('Reason', el('span', { class: 'reason' }, release.reason)) : []),
    ),
    statusLine(release),
  );
}

function fact(term: string, description: Node | string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, description)];
}

function statusLine(release: Release): HTMLElement {
  return el('p', { class: `status-line status-${release.status}` }, codicon(statusIcons[release.status]), ' ', statusSentence(release));
}

function statusSentence(release: Release): string {
  if (release.status === 'succeeded') return `Deployed${release.finishedAt ? ` at ${timeText(release.finishedAt)}` : ''}.`;
  if (release.status === 'failed') return `Failed${release.reason ? `: ${release.reason}` : '.'}`;
  if (release.status === 'in-progress') return 'Deploying now.';
  return release.approval === 'waiting' ? 'Waiting for approval.' : 'Pending.';
}
