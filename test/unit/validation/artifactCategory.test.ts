import assert from 'node:assert/strict';
import { artifactCategory } from '../../../core/artifacts/artifactCategory';
import { canonicalJson } from '../../../core/json/canonicalJson';

describe('artifactCategory', () => {
  it('reads the envelope category from parsed content or from the stored canonical JSON', () => {
    const workflow = { kind: 'workflow', name: 'claims-intake', category: 'claims', spec: { plan: { nodes: [] } } };
    assert.equal(artifactCategory(workflow), 'claims');
    assert.equal(artifactCategory(canonicalJson(workflow)), 'claims');
  });

  it('is undefined when none is set: absent, null, blank, not a string, or content that is not an artifact', () => {
    for (const content of [{ kind: 'workflow' }, { category: null }, { category: '  ' }, { category: 7 }, '{not json', 'null', [], null, undefined]) {
      assert.equal(artifactCategory(content), undefined, JSON.stringify(content));
    }
  });
});
