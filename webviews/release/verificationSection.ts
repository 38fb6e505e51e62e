import { verificationHeadline } from '../../core/verification/verificationText';
import { actionLink, codicon, el, section, timeElement } from '../shared/dom';
import { localTime } from '../shared/timeText';
import type { ReleaseDetailsState } from './protocol';

type Verification = NonNullable<NonNullable<ReleaseDetailsState['release']>['verification']>;

const stateIcons: Record<Verification['state'], string> = { running: 'pulse', passed: 'pass', failed: 'error', inconclusive: 'question' };
const verdictIcons: Record<Verification['checks'][number]['verdict'], string> = { pass: 'pass', breach: 'error', inconclusive: 'question' };

/**
 * The release's verification window: its state (the time left while it runs), how it ended and the rollback it
 * started, then every sample checked, oldest first. Absent when the release opened no window.
 */
export function verificationSection(state: ReleaseDetailsState, now: number, openRelease: (releaseId: string) => void): HTMLElement | null {
  const verification = state.release?.verification;
  if (!verification) return null;
  const summary = el(
    'p',
    { id: 'verification-state', class: `status-line verification-${verification.state}`, 'data-state': verification.state },
    codicon(stateIcons[verification.state]),
    ' ',
    capitalized(verificationHeadline(verification, new Date(now))),
    verification.state === 'running' ? ` · until ${localTime(verification.until)}` : '',
    verification.reason ? `: ${verification.reason}` : '',
  );
  const settings = el(
    'p',
    { class: 'muted' },
    `Checked every ${verification.intervalSeconds} s from `,
    timeElement(verification.startedAt, now),
    `; on a breach: ${verification.onFailure === 'rollback' ? 'roll back to the previous version' : 'alert only'}.`,
  );
  const rollback = verification.rollbackReleaseId
    ? el(
        'p',
        {},
        codicon('history'),
        ' ',
        actionLink('Open the automatic rollback', () => openRelease(verification.rollbackReleaseId!), { id: 'open-rollback' }),
      )
    : null;
  return section(
    'verification',
    `Verification (${verification.checks.length} ${verification.checks.length === 1 ? 'sample' : 'samples'})`,
    summary,
    settings,
    rollback,
    samplesTable(verification, now),
  );
}

function samplesTable(verification: Verification, now: number): HTMLElement {
  if (verification.checks.length === 0)
    return el('p', { class: 'muted' }, `No sample yet: the first check is ${verification.intervalSeconds} s after the release succeeded.`);
  return el(
    'table',
    { id: 'verification-samples' },
    el('thead', {}, el('tr', {}, ...['When', 'Metric', 'Value', 'Bound', 'Verdict', 'Series or detail'].map((title) => el('th', { scope: 'col' }, title)))),
    el(
      'tbody',
      {},
      ...verification.checks.map((check) =>
        el(
          'tr',
          { class: `sample sample-${check.verdict}`, 'data-metric': check.metric, 'data-verdict': check.verdict },
          el('td', {}, timeElement(check.at, now)),
          el('td', {}, el('code', {}, check.metric)),
          el('td', { class: 'sample-value' }, check.value === null ? '—' : String(Number(check.value.toPrecision(6)))),
          el('td', {}, check.bound),
          el('td', { class: 'sample-verdict' }, codicon(verdictIcons[check.verdict]), ' ', check.verdict),
          el('td', {}, check.series ? el('code', {}, check.series) : '', check.detail ?? ''),
        ),
      ),
    ),
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
