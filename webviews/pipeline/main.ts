// The Release Pipeline page: a table of versions (rows, newest first) × environments (columns, chain order).
// Each cell says where the version stands there and offers what the user may do next; every button asks the
// extension to run the matching command, which does the asking, confirming and reporting.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import './pipeline.css';
import { Channel } from '../shared/channel';
import { codicon, el, timeElement } from '../shared/dom';
import type { ForgeAction } from '../shared/messages';
import { pipelineEnvelopeSchema, pipelineFromWebviewSchema, type PipelineFromWebview } from './messages';
import type { PipelineCell, PipelineCellAction, PipelineEnvironment, PipelineState, PipelineToWebview, PipelineVersion } from './protocol';

const clockTickMs = 30_000;

const channel = new Channel<PipelineToWebview, PipelineFromWebview>(pipelineEnvelopeSchema, pipelineFromWebviewSchema);
const root = document.getElementById('app')!;
let current: PipelineState | undefined;

const act = (action: ForgeAction): void => channel.post({ type: 'action', action });

const stateIcons: Record<PipelineCell['state'], string> = {
  active: 'pass-filled',
  previous: 'history',
  waiting: 'watch',
  deploying: 'sync',
  queued: 'clock',
  failed: 'error',
  rejected: 'circle-slash',
  none: 'blank',
};

const stateLabels: Record<PipelineCell['state'], string> = {
  active: 'active',
  previous: 'ran here',
  waiting: 'waiting for approval',
  deploying: 'deploying',
  queued: 'queued',
  failed: 'failed',
  rejected: 'rejected',
  none: '',
};

function button(label: string, onClick: () => void, attributes: Record<string, string | boolean> = {}): HTMLElement {
  const element = el('vscode-button', attributes, label);
  element.addEventListener('click', onClick);
  return element;
}

function toolbar(state: PipelineState): HTMLElement {
  return el(
    'header',
    { class: 'toolbar' },
    el('h1', {}, codicon('layers'), ' Release Pipeline'),
    el(
      'div',
      { class: 'actions' },
      ...(state.canCreateVersion ? [button('Create Version…', () => act({ kind: 'createVersion' }), { id: 'create-version', icon: 'tag' })] : []),
      ...(state.me && state.me.role !== 'developer'
        ? [button('Audit Log', () => act({ kind: 'showAuditLog' }), { id: 'audit-log', icon: 'list-flat', secondary: true })]
        : []),
      button('Refresh', () => channel.post({ type: 'refresh' }), { id: 'refresh', icon: 'refresh', secondary: true }),
    ),
  );
}

function environmentHeader(environment: PipelineEnvironment): HTMLElement {
  return el(
    'th',
    { scope: 'col', 'data-environment': environment.name, class: `tier-${environment.tier}` },
    el(
      'div',
      { class: 'env-name' },
      environment.name,
      environment.waiting > 0 ? el('vscode-badge', { class: 'waiting-badge', title: `${environment.waiting} waiting for approval` }, String(environment.waiting)) : null,
    ),
    el('div', { class: 'env-active' }, environment.activeVersion ? `runs ${environment.activeVersion}` : 'no version yet'),
    environment.frozen ? el('div', { class: 'env-frozen warning' }, codicon('lock'), ` frozen: ${environment.frozen}`) : null,
    ...environment.requirements.map((requirement) => el('div', { class: 'env-requirement muted' }, requirement)),
    environment.rollbackTo
      ? button(`Roll back to ${environment.rollbackTo}`, () => act({ kind: 'rollback', environment: environment.name, version: environment.rollbackTo! }), {
          class: 'rollback',
          icon: 'history',
          secondary: true,
          'data-action': 'rollback-environment',
        })
      : null,
  );
}

function actionFor(version: string, cell: PipelineCell, action: PipelineCellAction): ForgeAction {
  switch (action.kind) {
    case 'deploy':
      return { kind: 'deploy', version, environment: cell.environment };
    case 'promote':
      return { kind: 'promote', environment: cell.environment };
    case 'rollback':
      return { kind: 'rollback', environment: cell.environment, version };
    case 'reportCheck':
      return { kind: 'reportCheck', version };
    case 'reportEvaluation':
      return { kind: 'reportEvaluation', version };
    case 'review':
      return { kind: 'openRelease', releaseId: cell.releaseId ?? '' };
  }
}

function cellElement(version: PipelineVersion, cell: PipelineCell, now: number): HTMLElement {
  const td = el('td', { class: `cell state-${cell.state}`, 'data-version': version.tag, 'data-environment': cell.environment, 'data-state': cell.state });
  if (cell.state !== 'none') {
    const status = el(
      'span',
      { class: 'cell-status' },
      codicon(stateIcons[cell.state], cell.state === 'deploying' ? 'codicon-modifier-spin' : ''),
      ` ${stateLabels[cell.state]}`,
    );
    if (cell.releaseId) {
      const releaseId = cell.releaseId;
      const link = el('a', { href: '#', class: 'cell-link', title: 'Open the release details' }, status);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        act({ kind: 'openRelease', releaseId });
      });
      td.append(link);
    } else {
      td.append(status);
    }
    if (cell.at) td.append(' ', timeElement(cell.at, now, { class: 'muted' }));
  }
  if (cell.note) td.append(el('div', { class: 'cell-note muted' }, cell.note));
  if (cell.actions.length > 0) {
    td.append(
      el(
        'div',
        { class: 'cell-actions' },
        ...cell.actions.map((action) =>
          button(action.label, () => act(actionFor(version.tag, cell, action)), {
            secondary: action.kind === 'rollback' || action.kind === 'review' ? true : false,
            'data-action': action.kind,
          }),
        ),
      ),
    );
  }
  return td;
}

function versionCell(version: PipelineVersion, now: number): HTMLElement {
  return el(
    'th',
    { scope: 'row', class: 'version', 'data-version': version.tag },
    el('div', { class: 'version-tag' }, codicon('tag'), ` ${version.tag}`, ' ', el('vscode-badge', { class: `bump bump-${version.inferredBump}` }, version.inferredBump)),
    el('div', { class: 'muted' }, version.createdBy, ' · ', timeElement(version.createdAt, now)),
    version.message ? el('div', { class: 'version-message muted' }, version.message) : null,
    version.valid ? null : el('div', { class: 'problem' }, codicon('error'), ' validation errors'),
  );
}

function emptyState(state: PipelineState): HTMLElement {
  return el(
    'div',
    { id: 'empty', class: 'empty' },
    el(
      'p',
      {},
      'No version is registered yet. A version tags the workflows, agents and processors of a commit; it then goes through the environments from left to right.',
    ),
    state.canCreateVersion
      ? button('Create Version…', () => act({ kind: 'createVersion' }), { id: 'empty-create-version', icon: 'tag' })
      : el('p', { class: 'muted' }, 'A maintainer or an admin creates versions ("Forge: Create Version").'),
  );
}

function render(): void {
  if (!current) return;
  const state = current;
  const now = Date.now();
  const parts: HTMLElement[] = [toolbar(state)];
  if (state.problem) parts.push(el('p', { id: 'problem', class: 'problem', role: 'alert' }, codicon('warning'), ' ', state.problem));
  if (state.environments.length > 0 && state.versions.length === 0) parts.push(emptyState(state));
  if (state.versions.length > 0) {
    parts.push(
      el(
        'table',
        { id: 'pipeline' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Version'), ...state.environments.map(environmentHeader))),
        el(
          'tbody',
          {},
          ...state.versions.map((version) =>
            el('tr', { 'data-version': version.tag }, versionCell(version, now), ...version.cells.map((cell) => cellElement(version, cell, now))),
          ),
        ),
      ),
    );
    if (state.moreVersions) parts.push(el('p', { class: 'muted' }, 'Older versions are not shown.'));
  }
  parts.push(el('footer', {}, el('span', { class: 'muted' }, `Signed in as ${state.me ? `${state.me.name} (${state.me.role})` : 'nobody'}`)));
  root.replaceChildren(...parts);
  root.removeAttribute('aria-busy');
}

channel.save({ view: 'pipeline' });
channel.open((message) => {
  current = message.state;
  render();
});
setInterval(render, clockTickMs);
