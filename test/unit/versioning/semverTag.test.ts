import assert from 'node:assert/strict';
import { compareVersionTags, InvalidVersionTagError, isVersionTag, parseVersionTag, requireVersionTag } from '../../../core/versioning/semverTag';

describe('version tags', () => {
  it('parses v<major>.<minor>.<patch> keeping pre-release and build parts', () => {
    assert.deepEqual(parseVersionTag('v2.0.0-beta.1+20240319'), {
      tag: 'v2.0.0-beta.1+20240319',
      version: '2.0.0-beta.1+20240319',
      major: 2,
      minor: 0,
      patch: 0,
      prerelease: ['beta', 1],
      build: ['20240319'],
    });
    assert.deepEqual(parseVersionTag('v1.2.3+20240319')?.build, ['20240319']);
    assert.deepEqual(parseVersionTag('v1.1.0')?.prerelease, []);
  });

  for (const tag of ['1.2.3', 'v1.2', 'v1.2.3.4', 'vv1.2.3', 'v 1.2.3', 'v1.2.3 ', 'V1.2.3', 'v01.2.3', 'v1.2.3-', 'release-1', '']) {
    it(`rejects ${JSON.stringify(tag)}`, () => {
      assert.equal(parseVersionTag(tag), undefined);
      assert.equal(isVersionTag(tag), false);
    });
  }

  it('requireVersionTag throws a typed error naming the tag', () => {
    assert.throws(
      () => requireVersionTag('1.2.3'),
      (error: unknown) => {
        assert.ok(error instanceof InvalidVersionTagError);
        assert.equal(error.code, 'invalid-version-tag');
        assert.match(error.message, /"1\.2\.3" is not a version tag/);
        return true;
      },
    );
  });

  it('orders tags by semver precedence, pre-releases before their release, build as a tie-breaker', () => {
    const shuffled = ['v1.10.0', 'v2.0.0', 'v1.2.3+b2', 'v2.0.0-beta.2', 'v1.2.3', 'v2.0.0-beta.10', 'v1.2.3+b1', 'v2.0.0-alpha'];
    assert.deepEqual([...shuffled].sort(compareVersionTags), [
      'v1.2.3',
      'v1.2.3+b1',
      'v1.2.3+b2',
      'v1.10.0',
      'v2.0.0-alpha',
      'v2.0.0-beta.2',
      'v2.0.0-beta.10',
      'v2.0.0',
    ]);
  });

  it('refuses to compare a tag that is not a version tag', () => {
    assert.throws(() => compareVersionTags('v1.0.0', 'latest'), InvalidVersionTagError);
  });
});
