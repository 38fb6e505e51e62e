import type { GateResult } from '../../core/gates/gateResult';
import { codicon, el, section } from './dom';

/** Every gate evaluated for the release, with its verdict and reason. */
export function gatesSection(gates: readonly GateResult[]): HTMLElement {
  if (gates.length === 0) return section('gates', 'Gates', el('p', { class: 'muted' }, 'No gates ran for this release.'));
  return section(
    'gates',
    'Gates',
    el(
      'ul',
      { class: 'gates' },
      ...gates.map((gate) => {
        const verdict = gateVerdict(gate);
        return el(
          'li',
          { class: `gate gate-${verdict.kind}`, 'data-gate': gate.gate },
          codicon(verdict.icon),
          el('span', { class: 'gate-name' }, gate.gate),
          el('span', { class: 'gate-verdict' }, verdict.label),
          el('span', { class: 'gate-reason' }, gate.reason),
        );
      }),
    ),
  );
}

function gateVerdict(gate: GateResult): { kind: string; icon: string; label: string } {
  if (gate.awaitsApproval) return { kind: 'waiting', icon: 'clock', label: 'waiting' };
  if (gate.overridden) return { kind: 'overridden', icon: 'warning', label: 'overridden' };
  return gate.passed ? { kind: 'passed', icon: 'pass', label: 'passed' } : { kind: 'failed', icon: 'error', label: 'failed' };
}
