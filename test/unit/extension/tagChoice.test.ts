import assert from 'node:assert/strict';
import { proposedTags, typedTag } from '../../../extension/versions/tagChoice';

describe('Create Version tag choices', () => {
  it('offers the inferred bump first, and says "first version" when there is nothing to compare', () => {
    assert.deepEqual(proposedTags(undefined, 'minor', 7), [{ tag: 'v1.0.0', acceptable: true, description: 'first version — nothing to compare against' }]);
    const next = proposedTags('v1.2.0', 'minor', 2);
    assert.deepEqual(
      next.map((choice) => choice.tag),
      ['v1.3.0', 'v2.0.0', 'v1.2.1'],
    );
    assert.equal(next[0]!.description, 'minor — inferred from 2 changes');
    assert.match(next[2]!.description, /smaller than inferred: the semver-policy gate will refuse it/);
  });

  it('accepts any semver tag typed, pre-releases and build metadata included, with or without the v', () => {
    assert.deepEqual(typedTag('v2.0.0-beta.1', 'v1.2.0', 'minor', new Set()), { tag: 'v2.0.0-beta.1', acceptable: true, description: 'your tag — major after v1.2.0' });
    assert.equal(typedTag('1.3.0-rc.2+20261201', 'v1.2.0', 'minor', new Set())?.tag, 'v1.3.0-rc.2+20261201');
    assert.equal(typedTag('v1.3.0-rc.2+20261201', 'v1.2.0', 'minor', new Set())?.acceptable, true);
    assert.equal(typedTag('v0.1.0-alpha', undefined, 'minor', new Set())?.description, 'your tag — first version, nothing to compare against');
  });

  it('warns about a tag the semver-policy gate refuses, and refuses text that is no tag or a tag that exists', () => {
    assert.match(typedTag('v1.2.1', 'v1.2.0', 'minor', new Set())!.description, /declares a patch bump; the changes call for minor/);
    assert.match(typedTag('v1.1.0', 'v1.2.0', 'patch', new Set())!.description, /not after v1\.2\.0/);
    assert.deepEqual(typedTag('release-7', 'v1.2.0', 'patch', new Set()), {
      tag: 'release-7',
      acceptable: false,
      description: 'not a semver tag: v<major>.<minor>.<patch>[-pre][+build], e.g. v2.0.0-beta.1',
    });
    assert.equal(typedTag('v1.3.0', 'v1.2.0', 'minor', new Set(['v1.3.0']))?.acceptable, false);
    assert.equal(typedTag('  ', 'v1.2.0', 'minor', new Set()), undefined);
  });
});
