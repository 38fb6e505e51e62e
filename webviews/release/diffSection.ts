import type { VersionDiff } from '../../core/api/version';
import { el, section } from './dom';

/** The DAG-aware diff of the version against the one it replaces: every change with its bump, and the overall bump. */
export function diffSection(diff: VersionDiff | null): HTMLElement {
  if (!diff) return section('diff', 'Changes', el('p', { class: 'muted' }, 'The diff could not be loaded.'));
  const summary = el(
    'p',
    { id: 'diff-summary' },
    `${diff.version} against ${diff.against ?? 'no earlier version'}: inferred bump `,
    el('vscode-badge', { id: 'diff-bump', class: `bump bump-${diff.inferredBump}` }, diff.inferredBump),
    ` · ${diff.changes.length} ${diff.changes.length === 1 ? 'change' : 'changes'}`,
  );
  if (diff.changes.length === 0) return section('diff', 'Changes', summary, el('p', { class: 'muted' }, 'No artifact changed.'));
  return section(
    'diff',
    'Changes',
    summary,
    el(
      'table',
      { id: 'diff-table' },
      el('thead', {}, el('tr', {}, ...['Kind', 'Artifact', 'Path', 'Change', 'Bump'].map((title) => el('th', { scope: 'col' }, title)))),
      el(
        'tbody',
        {},
        ...diff.changes.map((change) =>
          el(
            'tr',
            {},
            el('td', {}, change.kind),
            el('td', { class: 'artifact' }, change.name, el('div', { class: 'muted file' }, change.file)),
            el('td', {}, el('code', {}, change.path)),
            el('td', {}, change.change),
            el('td', {}, el('vscode-badge', { class: `bump bump-${change.bump}` }, change.bump)),
          ),
        ),
      ),
    ),
  );
}
