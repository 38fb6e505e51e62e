import { strict as assert } from 'node:assert';
import { bumpCovers, declaredBump, evaluateSemverPolicy } from '../../../core/gates/semverPolicyGate';

describe('semver-policy gate', () => {
  for (const [previous, tag, expected] of [
    ['v1.2.0', 'v2.0.0', 'major'],
    ['v1.2.0', 'v1.3.0', 'minor'],
    ['v1.2.0', 'v1.2.1', 'patch'],
    ['v1.2.0', 'v1.2.0+20240319', 'none'],
    ['v1.2.3', 'v2.0.0-beta.1', 'major'],
    ['v2.0.0-beta.1', 'v2.0.0-beta.2', 'major'],
    ['v2.0.0-beta.1', 'v2.0.0', 'major'],
    ['v1.3.0-rc.1', 'v1.3.0', 'minor'],
    ['v1.2.1-rc.1', 'v1.2.1', 'patch'],
    ['v2.0.0', 'v1.9.0', 'none'],
  ] as const) {
    it(`declares ${expected} from ${previous} to ${tag}`, () => {
      assert.equal(declaredBump(previous, tag), expected);
    });
  }

  it('declares nothing for a non-semver tag', () => {
    assert.equal(declaredBump('v1.0.0', 'latest'), null);
  });

  it('orders bumps', () => {
    assert.ok(bumpCovers('major', 'minor'));
    assert.ok(bumpCovers('patch', 'patch'));
    assert.ok(bumpCovers('patch', 'none'));
    assert.ok(!bumpCovers('minor', 'major'));
  });

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
  });

  it('refuses a patch for new workflows', () => {
    const result = evaluateSemverPolicy({ tag: 'v1.2.1', previousTag: 'v1.2.0', inferredBump: 'minor' });
    assert.equal(result.passed, false);
    assert.match(result.reason, /tag v1\.3\.0 or higher/);
  });

  it('passes the first version and refuses a non-semver tag', () => {
    assert.equal(evaluateSemverPolicy({ tag: 'v1.0.0', previousTag: null, inferredBump: 'minor' }).passed, true);
    const result = evaluateSemverPolicy({ tag: 'release-7', previousTag: 'v1.0.0', inferredBump: 'patch' });
    assert.equal(result.passed, false);
    assert.match(result.reason, /not a semver tag/);
  });
});
