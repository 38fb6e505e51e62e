import { evaluateEvaluationGate, evaluationGateConfigSchema } from '../../core/gates/evaluationGate';
import { evaluationResultsOf } from '../versions/versionEvaluations';
import type { Gate } from './gate';

/**
 * `evaluation`: for each suite in the environment's `gates.evaluation`, the latest result reported for the version
 * is within its absolute bounds and within `maxDrop` / `maxRise` of the same suite's result for the version
 * active in the environment now (read at every evaluation, so a re-evaluation before deploying compares with
 * whatever is active then).
 */
export const evaluationGate: Gate = {
  name: 'evaluation',
  async evaluate({ db, version, environment, settings }) {
    // Validated when the environment was configured; a stored entry that no longer reads refuses rather than passes.
    const config = evaluationGateConfigSchema.safeParse(settings);
    if (!config.success)
      return { gate: 'evaluation', passed: false, reason: `gates.evaluation of ${environment.name} cannot be read: ${config.error.issues[0]?.message}` };
    const requirements = config.data;
    const active = environment.activeVersion;
    return evaluateEvaluationGate({
      requirements,
      candidate: { tag: version.tag, results: await evaluationResultsOf(db, version.tag) },
      active: active === null ? null : { tag: active, results: await evaluationResultsOf(db, active) },
      environment: environment.name,
    });
  },
};
