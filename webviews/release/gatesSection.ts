import { codicon, el, section } from '../shared/dom';
import type { GateView, ReleaseDetailsState } from './protocol';

const verdictIcons: Record<GateView['verdict'], string> = { passed: 'pass', failed: 'error', waiting: 'clock', overridden: 'warning' };

/** Every gate evaluated for the release, with its verdict and reason as they stand now. */
export function gatesSection(state: ReleaseDetailsState): HTMLElement | null {
  if (!state.release) return null;
  if (state.gates.length === 0) return section('gates', 'Gates', el('p', { class: 'muted' }, 'No gates ran for this release.'));
  return section(
    'gates',
    'Gates',
    el(
      'ul',
      { class: 'gates' },
      ...state.gates.map((gate) =>
        el(
          'li',
          { class: `gate gate-${gate.verdict}`, 'data-gate': gate.gate },
          codicon(verdictIcons[gate.verdict]),
          el('span', { class: 'gate-name' }, gate.gate),
          el('span', { class: 'gate-verdict' }, gate.verdict),
          el('span', { class: 'gate-reason' }, gate.reason),
        ),
      ),
    ),
  );
}
