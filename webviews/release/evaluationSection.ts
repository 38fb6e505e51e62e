import { codicon, el, section, timeElement } from '../shared/dom';
import type { ReleaseDetailsState } from './protocol';

/** A number as the table shows it: at most six significant digits, a sign on differences. */
function shown(value: number | null, signed = false): string {
  if (value === null) return '—';
  const text = String(Number(value.toPrecision(6)));
  return signed && value > 0 ? `+${text}` : text;
}

/**
 * The evaluation gate's table (metric, candidate, active, delta, bound, verdict): what reviewers weigh. For a
 * pending release it is the gate evaluated now against the version active in the environment now.
 */
export function evaluationSection(state: ReleaseDetailsState, now: number): HTMLElement | null {
  const { evaluation, release, recheck } = state;
  if (!release || !evaluation) return null;
  const against = evaluation.activeVersion
    ? `${evaluation.version} against ${evaluation.activeVersion}, active in ${release.environment}`
    : `${evaluation.version}: nothing active in ${release.environment} to compare against`;
  const when = recheck ? el('span', { class: 'muted' }, ' · as of ', timeElement(recheck.checkedAt, now)) : el('span', { class: 'muted' }, ' · when it was requested');
  const head = el(
    'tr',
    {},
    ...['Metric', 'Candidate', evaluation.activeVersion ?? 'Active', 'Delta', 'Bound', 'Verdict'].map((title) => el('th', { scope: 'col' }, title)),
  );
  const rows = evaluation.metrics.map((row) =>
    el(
      'tr',
      { class: `metric metric-${row.passed ? 'passed' : 'failed'}`, 'data-suite': row.suite, 'data-metric': row.metric },
      el('td', { class: 'metric-name' }, el('span', { class: 'muted' }, `${row.suite} · `), row.metric),
      el('td', { class: 'number candidate' }, shown(row.candidate)),
      el('td', { class: 'number active' }, shown(row.active)),
      el('td', { class: 'number delta' }, shown(row.delta, true)),
      el('td', { class: 'bound' }, row.bound),
      el('td', { class: 'verdict', title: row.reason }, codicon(row.passed ? 'pass' : 'error'), ' ', row.passed ? 'passed' : row.reason),
    ),
  );
  return section(
    'evaluation',
    'Evaluation',
    el('p', { id: 'evaluation-summary' }, against, when),
    el('table', { id: 'evaluation-table' }, el('thead', {}, head), el('tbody', {}, ...rows)),
  );
}
