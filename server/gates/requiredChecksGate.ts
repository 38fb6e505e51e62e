import { evaluateRequiredChecks } from '../../core/gates/requiredChecksGate';
import { listChecks } from '../versions/versionChecks';
import type { Gate } from './gate';

/** `required-checks`: every check named in the environment's config (e.g. `["smoke-tests"]`) last reported `success`. */
export const requiredChecksGate: Gate = {
  name: 'required-checks',
  async evaluate({ db, version, settings }) {
    const required = Array.isArray(settings) ? settings.map(String) : [];
    const reports = (await listChecks(db, version.tag)).map((check) => ({ name: check.name, status: check.status, at: check.reportedAt }));
    return evaluateRequiredChecks(required, reports);
  },
};
