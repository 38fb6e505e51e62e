import { codicon, el, section } from '../shared/dom';
import type { GateView, ReleaseDetailsState } from './protocol';

const verdictIcons: Record<GateView['verdict'], string> = { passed: 'pass', failed: 'error', waiting: 'clock', overridden: 'warning' };

/**
 * Every gate evaluated for the release, with its verdict and reason as they stand now, under a warning when a gate
 * that passed when the release was requested no longer does (it is then not deployed, and approving it is refused).
 */
export function gatesSection(state: ReleaseDetailsState): HTMLElement | null {
  if (!state.release) return null;
  if (state.gates.length === 0) return section('gates', 'Gates', el('p', { class: 'muted' }, 'No gates ran for this release.'));
  const changes = state.recheck?.changes ?? [];
  const warning =
    changes.length === 0
      ? null
      : el(
          'p',
          { id: 'gate-changes', class: 'gate-changes', role: 'alert' },
          codicon('warning'),
          ` Changed since the release was requested: ${changes.map((change) => change.gate).join(', ')} no longer ${changes.length === 1 ? 'passes' : 'pass'}. `,
          'It is not deployed until it passes again; approvals given before are invalidated.',
        );
  return section(
    'gates',
    'Gates',
    warning,
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
