import assert from 'node:assert/strict';
import { diffSnapshots } from '../../../core/diff/diffSnapshots';
import { assertOnlyChange, diffAfterChanging, exampleSnapshot, nodeOf, type Json } from './exampleSnapshot';

describe('diffSnapshots: null means not set; the envelope category', () => {
  it('writing null for an unset optional field, or dropping a null, changes nothing', () => {
    const writeNulls = (content: Json) => {
      content.category = null;
      const route = nodeOf(content, 'route');
      route.definition.description = null;
      for (const path of route.definition.paths) path.condition_function = null;
      nodeOf(content, 'merge').definition.min_required = null;
      nodeOf(content, 'merge').definition.timeout_seconds = null;
    };
    const diff = diffAfterChanging('claims-intake', writeNulls);
    assert.deepEqual(diff, { bump: 'none', changes: [] });
    // And back: a version that drops the nulls again.
    const dropNulls = (content: Json) => {
      delete content.category;
      delete nodeOf(content, 'merge').definition.min_required;
    };
    assert.deepEqual(diffAfterChanging('claims-intake', dropNulls, writeNulls), { bump: 'none', changes: [] });
  });

  it('null ⇄ a value is the same change as absent ⇄ that value', () => {
    const setDefault = (value: unknown) => (content: Json) => {
      nodeOf(content, 'route').definition.default_path_id = value;
    };
    const fromNull = diffAfterChanging('claims-intake', setDefault('generic'), setDefault(null));
    const fromAbsent = diffAfterChanging('claims-intake', setDefault('generic'), setDefault(undefined));
    assert.equal(fromNull.bump, 'major');
    assert.deepEqual(fromNull, fromAbsent);
    const toNull = diffAfterChanging('claims-intake', setDefault(null), setDefault('generic'));
    assert.deepEqual(
      toNull.changes.map((change) => [change.path, change.bump]),
      [['spec.plan.nodes[route].definition.default_path_id', 'major']],
    );
    assert.match(toNull.changes[0]?.change ?? '', /default_path_id removed \(was "generic"\)/);
  });

  it('a category added, changed or removed is a patch, shown in the diff', () => {
    assertOnlyChange(
      diffAfterChanging('claims-intake', (content) => (content.category = 'claims')),
      { path: 'category', bump: 'patch', words: /^category added: "claims"$/ },
    );
    assertOnlyChange(
      diffAfterChanging(
        'claims-intake',
        (content) => (content.category = 'intake'),
        (content) => (content.category = 'claims'),
      ),
      { path: 'category', bump: 'patch', words: /^category changed from "claims" to "intake"$/ },
    );
    assertOnlyChange(
      diffAfterChanging(
        'claims-intake',
        (content) => (content.category = null),
        (content) => (content.category = 'claims'),
      ),
      { path: 'category', bump: 'patch', words: /^category removed \(was "claims"\)$/ },
    );
    assert.equal(diffSnapshots(exampleSnapshot(), exampleSnapshot()).bump, 'none');
  });
});
