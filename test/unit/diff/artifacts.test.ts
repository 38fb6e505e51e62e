import assert from 'node:assert/strict';
import { diffSnapshots } from '../../../core/diff/diffSnapshots';
import { assertOnlyChange, diffAfterChanging, exampleSnapshot, nodeOf, type Json } from './exampleSnapshot';

describe('diffSnapshots: artifacts as a whole', () => {
  it('reports nothing and bump none for identical snapshots', () => {
    const diff = diffSnapshots(exampleSnapshot(), exampleSnapshot());
    assert.deepEqual(diff, { bump: 'none', changes: [] });
  });

  it('an artifact removed is major', () => {
    const previous = exampleSnapshot();
    const next = previous.filter((artifact) => artifact.name !== 'claims-correspondence');
    const change = assertOnlyChange(diffSnapshots(previous, next), { path: '', bump: 'major', words: /workflow "claims-correspondence" removed/ });
    assert.equal(change.kind, 'workflow');
    assert.equal(change.file, 'workflows/claims-correspondence.json');
  });

  it('an artifact added is minor', () => {
    const next = exampleSnapshot();
    const previous = next.filter((artifact) => artifact.name !== 'fraud-analyst');
    const change = assertOnlyChange(diffSnapshots(previous, next), { path: '', bump: 'minor', words: /agent "fraud-analyst" added/ });
    assert.equal(change.kind, 'agent');
  });

  it('matches artifacts by kind and name: the same name in another kind is another artifact', () => {
    const previous = exampleSnapshot();
    const next = previous.map((artifact) => (artifact.name === 'fraud-analyst' ? { ...artifact, kind: 'processor' as const } : artifact));
    const diff = diffSnapshots(previous, next);
    assert.deepEqual(
      diff.changes.map((change) => [change.kind, change.bump]),
      [
        ['agent', 'major'],
        ['processor', 'minor'],
      ],
    );
  });

  it('a file moved without a content change is a patch', () => {
    const previous = exampleSnapshot();
    const next = previous.map((artifact) => (artifact.name === 'claims-intake' ? { ...artifact, path: 'workflows/intake/claims-intake.json' } : artifact));
    assertOnlyChange(diffSnapshots(previous, next), {
      path: '',
      bump: 'patch',
      words: /moved from workflows\/claims-intake\.json to workflows\/intake\/claims-intake\.json/,
    });
  });

  it('key order only is none', () => {
    const previous = exampleSnapshot();
    const next = previous.map((artifact) => ({ ...artifact, content: reverseKeys(artifact.content) }));
    assert.notEqual(JSON.stringify(next[0]?.content), JSON.stringify(previous[0]?.content));
    assert.deepEqual(diffSnapshots(previous, next), { bump: 'none', changes: [] });
  });

  it('array order only (nodes, dependencies, paths, tags, fields) is none', () => {
    const diff = diffAfterChanging('claims-intake', (content: Json) => {
      content.spec.plan.nodes.reverse();
      nodeOf(content, 'merge').dependencies.reverse();
      nodeOf(content, 'route').definition.paths.reverse();
      content.tags.reverse();
    });
    assert.deepEqual(diff, { bump: 'none', changes: [] });
  });

  it('the bump of several changes is the largest of them', () => {
    const patchAndMinor = diffAfterChanging('claims-intake', (content: Json) => {
      content.description = 'Reworded';
      content.spec.inputs.properties.channel = { type: 'string' };
    });
    assert.deepEqual(patchAndMinor.changes.map((change) => change.bump).sort(), ['minor', 'patch']);
    assert.equal(patchAndMinor.bump, 'minor');

    const all = diffAfterChanging('claims-intake', (content: Json) => {
      content.description = 'Reworded';
      content.spec.inputs.properties.channel = { type: 'string' };
      delete content.spec.outputs.publish.properties.fields;
    });
    assert.deepEqual(all.changes.map((change) => change.bump).sort(), ['major', 'minor', 'patch']);
    assert.equal(all.bump, 'major');
  });

  it('lists workflows, then agents, then processors, each change naming its artifact and file', () => {
    const previous = exampleSnapshot();
    const next = previous.map((artifact) => ({ ...artifact, content: { ...(artifact.content as object), description: 'x' } }));
    const diff = diffSnapshots(previous, next);
    assert.deepEqual(
      diff.changes.map((change) => `${change.kind}/${change.name}`),
      [
        'workflow/claims-correspondence',
        'workflow/claims-fraud-review',
        'workflow/claims-intake',
        'agent/claims-correspondent',
        'agent/fraud-analyst',
        'processor/claim-form-classifier',
        'processor/claim-form-extractor',
      ],
    );
    for (const change of diff.changes) {
      assert.equal(change.path, 'description');
      assert.ok(change.file.endsWith(`${change.name}.json`));
    }
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reverseKeys(child)]),
  );
}
