import { inc, type ReleaseType } from 'semver';
import type { Bump } from '../diff/bump';
import { bumpAtLeast, declaredBump } from '../versioning/declaredBump';
import { parseVersionTag } from '../versioning/semverTag';
import type { GateResult } from './gateResult';

/** What the semver-policy gate compares: the tag, its semver predecessor (null for a first version) and the inferred bump. */
export interface SemverPolicyInput {
  tag: string;
  previousTag: string | null;
  inferredBump: Bump;
}

/** Passes when the tag's declared bump is at least the bump inferred from the DAG diff against its predecessor. */
export function evaluateSemverPolicy({ tag, previousTag, inferredBump }: SemverPolicyInput): GateResult {
  if (previousTag === null) {
    return { gate: 'semver-policy', passed: true, reason: `${tag} is the first version: there is nothing to compare against` };
  }
  const unparsable = [tag, previousTag].find((candidate) => parseVersionTag(candidate) === undefined);
  if (unparsable !== undefined) {
    return { gate: 'semver-policy', passed: false, reason: `${unparsable} is not a version tag v<major>.<minor>.<patch>` };
  }
  const declared = declaredBump(previousTag, tag);
  if (bumpAtLeast(declared, inferredBump)) {
    return { gate: 'semver-policy', passed: true, reason: `${tag} is a ${declared} bump over ${previousTag}; the DAG diff needs ${inferredBump}` };
  }
  const smallest = inc(previousTag.slice(1), inferredBump as ReleaseType);
  return {
    gate: 'semver-policy',
    passed: false,
    reason: `${tag} is a ${declared} bump over ${previousTag} but the DAG diff has ${inferredBump} changes: tag v${smallest} or higher`,
  };
}
