import assert from 'node:assert/strict';
import type { Bump } from '../../../core/diff/bump';
import { bumpAtLeast, declaredBump } from '../../../core/versioning/declaredBump';
import { nextVersion } from '../../../core/versioning/nextVersion';
import { findPredecessorTag } from '../../../core/versioning/predecessorTag';
import { InvalidVersionTagError } from '../../../core/versioning/semverTag';

describe('findPredecessorTag', () => {
  const tags = ['v1.0.0', 'v1.1.0', 'latest', 'v1.1.1', 'v2.0.0-beta.1', 'v2.0.0-beta.2', 'v2.0.0', 'release-3'];

  it('finds the highest version tag below the tag, ignoring other tags and the list order', () => {
    assert.equal(findPredecessorTag('v1.2.0', tags), 'v1.1.1');
    assert.equal(findPredecessorTag('v1.1.1', [...tags].reverse()), 'v1.1.0');
  });

  it('counts pre-releases as predecessors', () => {
    assert.equal(findPredecessorTag('v2.0.0', tags), 'v2.0.0-beta.2');
    assert.equal(findPredecessorTag('v2.0.0-beta.2', tags), 'v2.0.0-beta.1');
    assert.equal(findPredecessorTag('v2.0.0-beta.1', tags), 'v1.1.1');
  });

  it('is undefined for the first version', () => {
    assert.equal(findPredecessorTag('v1.0.0', tags), undefined);
    assert.equal(findPredecessorTag('v0.1.0', []), undefined);
  });

  it('refuses a tag that is not a version tag', () => {
    assert.throws(() => findPredecessorTag('latest', tags), InvalidVersionTagError);
  });
});

describe('declaredBump', () => {
  const cases: Array<[string | undefined, string, Bump]> = [
    ['v1.2.3', 'v2.0.0', 'major'],
    ['v1.2.3', 'v1.3.0', 'minor'],
    ['v1.2.3', 'v1.2.4', 'patch'],
    ['v1.2.3', 'v1.2.3+20240319', 'none'],
    ['v1.2.3', 'v1.2.2', 'none'],
    // A pre-release of a new major counts as major; the series it belongs to keeps that bump.
    ['v1.2.3', 'v2.0.0-beta.1', 'major'],
    ['v2.0.0-beta.1', 'v2.0.0-beta.2', 'major'],
    ['v2.0.0-beta.2', 'v2.0.0', 'major'],
    ['v1.2.0', 'v1.3.0-rc.1', 'minor'],
    ['v1.3.0-rc.1', 'v1.3.0', 'minor'],
    ['v1.2.3', 'v1.2.4-rc.1', 'patch'],
    ['v1.2.4-rc.1', 'v1.2.4', 'patch'],
    [undefined, 'v1.0.0', 'major'],
  ];
  for (const [previous, tag, expected] of cases) {
    it(`${previous ?? '(none)'} → ${tag} declares ${expected}`, () => assert.equal(declaredBump(previous, tag), expected));
  }
});

describe('bumpAtLeast', () => {
  it('holds when the declared bump is at least the inferred one', () => {
    const levels: Bump[] = ['none', 'patch', 'minor', 'major'];
    for (const [d, declared] of levels.entries()) {
      for (const [i, inferred] of levels.entries()) assert.equal(bumpAtLeast(declared, inferred), d >= i, `${declared} vs ${inferred}`);
    }
  });
});

describe('nextVersion', () => {
  const cases: Array<[string | undefined, Bump, string]> = [
    ['v1.2.3', 'major', 'v2.0.0'],
    ['v1.2.3', 'minor', 'v1.3.0'],
    ['v1.2.3', 'patch', 'v1.2.4'],
    ['v1.2.3', 'none', 'v1.2.4'],
    ['v1.2.3+20240319', 'patch', 'v1.2.4'],
    ['v2.0.0-beta.1', 'major', 'v2.0.0'],
    ['v2.0.0-beta.1', 'patch', 'v2.0.0'],
    ['v1.2.3-rc.1', 'minor', 'v1.3.0'],
    [undefined, 'minor', 'v1.0.0'],
  ];
  for (const [previous, bump, expected] of cases) {
    it(`${previous ?? '(none)'} + ${bump} → ${expected}`, () => {
      const next = nextVersion(previous, bump);
      assert.equal(next, expected);
      if (previous) assert.ok(bumpAtLeast(declaredBump(previous, next), bump), 'the next version declares at least the bump');
    });
  }

  it('refuses a predecessor that is not a version tag', () => {
    assert.throws(() => nextVersion('latest', 'patch'), InvalidVersionTagError);
  });
});
