import { strict as assert } from 'node:assert';
import { evaluateSemverPolicy } from '../../../core/gates/semverPolicyGate';

describe('semver-policy gate', () => {
  it('refuses a breaking change tagged as a minor, naming the smallest acceptable tag', () => {
    const result = evaluateSemverPolicy({ tag: 'v1.3.0', previousTag: 'v1.2.0', inferredBump: 'major' });
    assert.equal(result.gate, 'semver-policy');
    assert.equal(result.passed, false);
    assert.match(result.reason, /v1\.3\.0 is a minor bump over v1\.2\.0 but the DAG diff has major changes: tag v2\.0\.0 or higher/);
  });

  it('passes a bump at least as large as the inferred one', () => {
    assert.equal(evaluateSemverPolicy({ tag: 'v2.0.0', previousTag: 'v1.2.0', inferredBump: 'major' }).passed, true);
    assert.equal(evaluateSemverPolicy({ tag: 'v2.0.0', previousTag: 'v1.2.0', inferredBump: 'patch' }).passed, true);
    assert.equal(evaluateSemverPolicy({ tag: 'v1.2.1', previousTag: 'v1.2.0', inferredBump: 'none' }).passed, true);
    assert.equal(evaluateSemverPolicy({ tag: 'v1.2.0+build.7', previousTag: 'v1.2.0-rc.1', inferredBump: 'minor' }).passed, true);
  });

  it('refuses a patch for new workflows', () => {
    const result = evaluateSemverPolicy({ tag: 'v1.2.1', previousTag: 'v1.2.0', inferredBump: 'minor' });
    assert.equal(result.passed, false);
    assert.match(result.reason, /tag v1\.3\.0 or higher/);
  });

  it('allows breaking changes inside a pre-release series toward a major', () => {
    assert.equal(evaluateSemverPolicy({ tag: 'v2.0.0-beta.2', previousTag: 'v2.0.0-beta.1', inferredBump: 'major' }).passed, true);
    assert.equal(evaluateSemverPolicy({ tag: 'v1.3.0-beta.2', previousTag: 'v1.3.0-beta.1', inferredBump: 'major' }).passed, false);
  });

  it('refuses a build-metadata-only tag when anything changed', () => {
    const result = evaluateSemverPolicy({ tag: 'v1.2.0+20240319', previousTag: 'v1.2.0', inferredBump: 'patch' });
    assert.equal(result.passed, false);
    assert.match(result.reason, /is a none bump/);
  });

  it('passes the first version and refuses a non-semver tag', () => {
    assert.equal(evaluateSemverPolicy({ tag: 'v1.0.0', previousTag: null, inferredBump: 'minor' }).passed, true);
    const result = evaluateSemverPolicy({ tag: 'release-7', previousTag: 'v1.0.0', inferredBump: 'patch' });
    assert.equal(result.passed, false);
    assert.match(result.reason, /release-7 is not a version tag/);
  });
});
