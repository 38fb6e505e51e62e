import { actionLink, el, section, timeElement } from '../shared/dom';
import type { ReleaseDetailsState } from './protocol';

/** The release's audit events in order, with each reason or comment, and a way into the full audit log. */
export function auditSection(state: ReleaseDetailsState, now: number, openAuditLog: () => void): HTMLElement | null {
  if (!state.release) return null;
  const { events, unavailable } = state.audit;
  if (unavailable) return section('audit', 'Audit trail', el('p', { class: 'muted' }, unavailable));
  return section(
    'audit',
    `Audit trail (${events.length})`,
    events.length === 0
      ? el('p', { class: 'muted' }, 'No audit event names this release yet.')
      : el(
          'table',
          { id: 'audit-table' },
          el('thead', {}, el('tr', {}, ...['When', 'Who', 'What', 'Outcome', 'Note'].map((title) => el('th', { scope: 'col' }, title)))),
          el(
            'tbody',
            {},
            ...events.map((event) =>
              el(
                'tr',
                { 'data-seq': String(event.seq) },
                el('td', {}, timeElement(event.at, now)),
                el('td', {}, event.actor),
                el('td', {}, el('code', {}, event.action)),
                el('td', {}, event.outcome ?? ''),
                el('td', {}, event.note ?? ''),
              ),
            ),
          ),
        ),
    el('p', {}, actionLink('Open in the Audit Log', openAuditLog, { id: 'open-audit-log' })),
  );
}
