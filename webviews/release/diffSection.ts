import { el, section } from '../shared/dom';
import type { ReleaseDetailsState, WordSegment } from './protocol';

/** The DAG-aware diff of the version against the one it replaces: each change with its bump, changed texts word by word. */
export function diffSection({ release, diff }: ReleaseDetailsState): HTMLElement | null {
  if (!release) return null;
  if (!diff) return section('diff', 'Changes', el('p', { class: 'muted' }, 'The diff could not be loaded.'));
  const summary = el(
    'p',
    { id: 'diff-summary' },
    diff.against ? `${diff.version} against ${diff.against}: inferred bump ` : `${diff.version} is the first version: nothing to compare against. Inferred bump `,
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
            el('td', {}, change.words ? wordsElement(change.words) : change.change),
            el('td', {}, el('vscode-badge', { class: `bump bump-${change.bump}` }, change.bump)),
          ),
        ),
      ),
    ),
  );
}

/** A changed text with removed words struck through and added ones marked, as `del` and `ins` for screen readers too. */
function wordsElement(words: readonly WordSegment[]): HTMLElement {
  return el(
    'div',
    { class: 'words' },
    ...words.map((segment) => {
      if (segment.op === 'added') return el('ins', {}, segment.text);
      if (segment.op === 'removed') return el('del', {}, segment.text);
      if (segment.op === 'elided') return el('span', { class: 'elided muted', 'aria-label': 'unchanged text left out' }, segment.text);
      return segment.text;
    }),
  );
}
