import { codicon, el, section } from '../shared/dom';
import type { ReleaseDetailsState } from './protocol';

/** The change sets the version carries, each with its merged pull requests. */
export function changeSetsSection({ release, changeSets }: ReleaseDetailsState): HTMLElement | null {
  if (!release) return null;
  if (changeSets.length === 0) return section('change-sets', 'Change sets', el('p', { class: 'muted' }, 'This version carries no change sets.'));
  return section(
    'change-sets',
    `Change sets (${changeSets.length})`,
    el(
      'ul',
      { class: 'change-sets' },
      ...changeSets.map((changeSet) =>
        el(
          'li',
          {},
          el('div', { class: 'change-set-name' }, codicon('package'), ' ', changeSet.name),
          changeSet.pullRequests.length === 0
            ? el('p', { class: 'muted' }, 'No pull requests.')
            : el(
                'ul',
                { class: 'pull-requests' },
                ...changeSet.pullRequests.map((pr) =>
                  el(
                    'li',
                    {},
                    codicon('git-pull-request'),
                    ' ',
                    el('span', { class: 'pr-number' }, `#${pr.number}`),
                    ` ${pr.title} `,
                    el('span', { class: 'muted' }, `by ${pr.author}`),
                  ),
                ),
              ),
        ),
      ),
    ),
  );
}
