import { codicon, el, timeElement } from '../shared/dom';
import { expiryText, localTime } from '../shared/timeText';
import type { ReleaseDetailsState } from './protocol';

type Release = NonNullable<ReleaseDetailsState['release']>;

const statusIcons: Record<Release['status'], string> = {
  pending: 'clock',
  'in-progress': 'sync',
  succeeded: 'pass',
  failed: 'error',
};

/** The release at a glance: version → environment, who asked and when, its status and the time left to decide. */
export function releaseHeader(state: ReleaseDetailsState, release: Release, now: number, actions: HTMLElement): HTMLElement {
  const { approval, replaces } = state;
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
      ...fact('Requested', timeElement(release.requestedAt, now, { id: 'release-requested-at' })),
      ...fact('Replaces', el('span', { id: 'release-replaces' }, replaces ?? 'nothing (first release here)')),
      ...(approval && expiry
        ? fact(
            'Time left',
            el(
              'span',
              { id: 'release-expiry', class: expiry.startsWith('expired') ? 'warning' : '', title: localTime(approval.expiresAt) },
              codicon('watch'),
              ' ',
              expiry,
            ),
          )
        : []),
      ...(approval && !expiry ? fact('Approval', el('span', { id: 'release-expiry' }, `closed: ${approval.state}`)) : []),
      ...(release.reason ? fact('Reason', el('span', { class: 'reason' }, release.reason)) : []),
    ),
    statusLine(release, now),
    actions,
  );
}

function fact(term: string, description: Node | string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, description)];
}

function statusLine(release: Release, now: number): HTMLElement {
  const line = el('p', { id: 'status-line', class: `status-line status-${release.status}` }, codicon(statusIcons[release.status]), ' ');
  if (release.status === 'succeeded') line.append('Deployed', ...(release.finishedAt ? [' ', timeElement(release.finishedAt, now)] : []), '.');
  else if (release.status === 'failed') line.append(`Failed${release.reason ? `: ${release.reason}` : '.'}`);
  else if (release.status === 'in-progress') line.append('Deploying now.');
  else line.append(release.approval === 'waiting' ? 'Waiting for approval.' : 'Pending: waiting for the environment to be free.');
  return line;
}
