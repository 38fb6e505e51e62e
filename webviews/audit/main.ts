// The Audit Log page: the chain's verdict, the filters (changing one asks the extension for the matching
// events at once), the events as a table newest first, and the CSV export of what the filters select.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import './audit.css';
import { Channel } from '../shared/channel';
import { actionLink, codicon, el, timeElement } from '../shared/dom';
import { actionFamilies, defaultAuditFilters, periods, type AuditPanelFilters } from './filters';
import { auditEnvelopeSchema, auditFromWebviewSchema, auditPersistedStateSchema, type AuditFromWebview } from './messages';
import type { AuditRow, AuditState, AuditToWebview } from './protocol';

const clockTickMs = 30_000;

const channel = new Channel<AuditToWebview, AuditFromWebview>(auditEnvelopeSchema, auditFromWebviewSchema);
const root = document.getElementById('app')!;
let current: AuditState | undefined;
let filters: AuditPanelFilters = channel.restore(auditPersistedStateSchema)?.filters ?? defaultAuditFilters;

const chainReasons: Record<string, string> = {
  content_mismatch: 'its stored content no longer produces its hash (the row was edited)',
  missing_events: 'events before it are missing',
  rewritten: 'it was rewritten and re-hashed',
};

function setFilters(update: Partial<AuditPanelFilters>): void {
  filters = { ...filters, ...update };
  channel.save({ view: 'audit', filters });
  root.setAttribute('aria-busy', 'true');
  channel.post({ type: 'setFilters', filters });
}

function select(id: string, label: string, value: string | null, options: { value: string; label: string }[], onChange: (value: string | null) => void): HTMLElement {
  const control = el(
    'vscode-single-select',
    { id, 'aria-label': label },
    ...options.map((option) => el('vscode-option', { value: option.value, ...(option.value === (value ?? '') ? { selected: true } : {}) }, option.label)),
  ) as HTMLElement & { value: string };
  control.addEventListener('change', () => onChange(control.value === '' ? null : control.value));
  return el('label', { class: 'filter' }, el('span', { class: 'filter-label' }, label), control);
}

function chainBanner(state: AuditState): HTMLElement {
  if (!state.chain) return el('p', { id: 'chain', class: 'chain chain-unknown' }, codicon('question'), ' The hash chain could not be checked.');
  if (state.chain.ok) {
    return el('p', { id: 'chain', class: 'chain chain-ok', role: 'status' }, codicon('verified-filled'), ` Hash chain intact: all ${state.chain.count} events verified.`);
  }
  const broken = state.chain.brokenAt;
  return el(
    'p',
    { id: 'chain', class: 'chain chain-broken', role: 'alert' },
    codicon('error'),
    ` Hash chain broken at event ${broken?.seq ?? '?'}: ${chainReasons[broken?.reason ?? ''] ?? broken?.reason ?? 'unknown reason'}. Events from there on cannot be trusted.`,
  );
}

function filterBar(state: AuditState): HTMLElement {
  const bar = el(
    'div',
    { class: 'filters', role: 'search' },
    select('filter-action', 'Action', filters.action, [{ value: '', label: 'All actions' }, ...actionFamilies], (action) => setFilters({ action })),
    select(
      'filter-environment',
      'Environment',
      filters.environment,
      [{ value: '', label: 'All environments' }, ...state.environments.map((name) => ({ value: name, label: name }))],
      (environment) => setFilters({ environment }),
    ),
    select('filter-actor', 'Actor', filters.actor, [{ value: '', label: 'Anyone' }, ...state.actors.map((name) => ({ value: name, label: name }))], (actor) =>
      setFilters({ actor }),
    ),
    select(
      'filter-period',
      'Period',
      filters.period,
      periods.map(({ value, label }) => ({ value, label })),
      (period) => setFilters({ period: (period ?? 'all') as AuditPanelFilters['period'] }),
    ),
  );
  if (filters.releaseId) {
    bar.append(
      el(
        'span',
        { id: 'filter-release', class: 'chip' },
        `release ${filters.releaseId.slice(0, 8)}`,
        ' ',
        actionLink('×', () => setFilters({ releaseId: null }), { 'aria-label': 'Show every release' }),
      ),
    );
  }
  return bar;
}

function row(event: AuditRow, now: number): HTMLElement {
  const releaseId = event.releaseId;
  return el(
    'tr',
    { 'data-seq': String(event.seq), 'data-action': event.action },
    el('td', { class: 'seq muted' }, String(event.seq)),
    el('td', {}, timeElement(event.at, now)),
    el('td', {}, event.actor),
    el('td', {}, el('code', {}, event.action)),
    el('td', {}, event.environment ?? ''),
    el('td', {}, event.version ?? ''),
    el('td', {}, event.outcome ?? ''),
    el('td', { class: 'note' }, event.note ?? ''),
    el(
      'td',
      {},
      releaseId
        ? actionLink(releaseId.slice(0, 8), () => channel.post({ type: 'action', action: { kind: 'openRelease', releaseId } }), {
            class: 'release-link',
            title: 'Open the release details',
          })
        : '',
    ),
  );
}

function render(): void {
  if (!current) return;
  const state = current;
  const now = Date.now();
  const exportCsv = el('vscode-button', { id: 'export-csv', icon: 'desktop-download' }, 'Export CSV…');
  exportCsv.addEventListener('click', () => channel.post({ type: 'exportCsv' }));
  const exportReport = el('vscode-button', { id: 'export-report', icon: 'file-text', secondary: true }, 'Export Report…');
  exportReport.addEventListener('click', () => channel.post({ type: 'action', action: { kind: 'exportReport' } }));
  const refresh = el('vscode-button', { id: 'refresh', icon: 'refresh', secondary: true }, 'Refresh');
  refresh.addEventListener('click', () => channel.post({ type: 'refresh' }));
  const parts: HTMLElement[] = [
    el('header', { class: 'toolbar' }, el('h1', {}, codicon('list-flat'), ' Audit Log'), el('div', { class: 'actions' }, exportCsv, exportReport, refresh)),
  ];
  if (state.problem) parts.push(el('p', { id: 'problem', class: 'problem', role: 'alert' }, codicon('warning'), ' ', state.problem));
  else parts.push(chainBanner(state), filterBar(state));
  if (!state.problem) {
    parts.push(
      el(
        'p',
        { id: 'count', class: 'muted', 'aria-live': 'polite' },
        `${state.events.length} ${state.events.length === 1 ? 'event' : 'events'}${state.truncated ? ' (more match: only the oldest are shown — narrow the filters)' : ''}, newest first`,
      ),
    );
    parts.push(
      state.events.length === 0
        ? el('p', { id: 'no-events', class: 'muted' }, 'No event matches these filters.')
        : el(
            'table',
            { id: 'audit-table' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ...['#', 'When', 'Actor', 'Action', 'Environment', 'Version', 'Outcome', 'Reason / comment', 'Release'].map((title) => el('th', { scope: 'col' }, title)),
              ),
            ),
            el('tbody', {}, ...state.events.map((event) => row(event, now))),
          ),
    );
  }
  root.replaceChildren(...parts);
  root.removeAttribute('aria-busy');
}

channel.save({ view: 'audit', filters });
channel.open((message) => {
  current = message.state;
  filters = message.state.filters;
  channel.save({ view: 'audit', filters });
  render();
});
setInterval(render, clockTickMs);
