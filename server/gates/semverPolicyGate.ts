import { evaluateSemverPolicy } from '../../core/gates/semverPolicyGate';
import type { Gate } from './gate';

/** `semver-policy`: the tag's bump over its semver predecessor is at least the bump the DAG diff infers. */
export const semverPolicyGate: Gate = {
  name: 'semver-policy',
  async evaluate({ version }) {
    return evaluateSemverPolicy({ tag: version.tag, previousTag: version.previousTag, inferredBump: version.inferredBump });
  },
};
