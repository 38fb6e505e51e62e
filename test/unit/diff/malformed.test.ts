import assert from 'node:assert/strict';
import fc from 'fast-check';
import { artifactKinds } from '../../../core/artifacts/artifactKind';
import { bumpLevels } from '../../../core/diff/bump';
import { diffSnapshots, type SnapshotArtifact } from '../../../core/diff/diffSnapshots';
import { snapshotFromFiles } from '../../../core/diff/snapshotFromFiles';
import { assertOnlyChange, diffAfterChanging, exampleSnapshot, type Json } from './exampleSnapshot';

const artifact = (kind: SnapshotArtifact['kind'], content: unknown): SnapshotArtifact => ({ kind, name: 'x', path: 'x.json', content });

describe('diffSnapshots: content it cannot interpret', () => {
  it('content that is not an object is a patch-level content change', () => {
    const diff = diffSnapshots([artifact('workflow', 'not json {')], [artifact('workflow', 'still not json {{')]);
    assertOnlyChange(diff, { path: '', bump: 'patch', words: /content changed from "not json \{" to "still not json \{\{"/ });
  });

  it('nodes that are not a list are compared as plain content (patch)', () => {
    assertOnlyChange(
      diffAfterChanging('claims-intake', (c: Json) => (c.spec.plan.nodes = 'oops')),
      {
        path: 'spec.plan.nodes',
        bump: 'patch',
        words: /nodes changed/,
      },
    );
  });

  it('nodes without a task_id are compared as a whole (patch)', () => {
    const diff = diffAfterChanging('claims-intake', (c: Json) => c.spec.plan.nodes.push({ query_str: 'orphan' }));
    assertOnlyChange(diff, { path: 'spec.plan.nodes', bump: 'patch', words: /entries without an id changed/ });
  });

  it('own keys named like Object.prototype members are ordinary keys', () => {
    const diff = diffSnapshots([artifact('agent', { spec: { constructor: 1 } })], [artifact('agent', { spec: { toString: 2 } })]);
    assert.deepEqual(diff.changes.map((change) => change.path).sort(), ['spec.constructor', 'spec.toString']);
  });

  it('never throws on arbitrary content and always reports a known bump', () => {
    const kind = fc.constantFrom(...artifactKinds);
    fc.assert(
      fc.property(kind, fc.anything(), fc.anything(), (k, before, after) => {
        const diff = diffSnapshots([artifact(k, before)], [artifact(k, after)]);
        assert.ok(bumpLevels.includes(diff.bump));
        assert.equal(diff.bump === 'none', diff.changes.length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random mutations of real artifacts', () => {
    const examples = exampleSnapshot();
    fc.assert(
      fc.property(fc.nat(examples.length - 1), fc.jsonValue(), fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), (index, value, keys) => {
        const base = examples[index] as SnapshotArtifact;
        const content = structuredClone(base.content) as Json;
        let target = content.spec;
        for (const key of keys.slice(0, -1)) target = typeof target?.[key] === 'object' && target[key] !== null ? target[key] : target;
        if (typeof target === 'object' && target !== null) target[keys.at(-1) ?? 'extra'] = value;
        const diff = diffSnapshots([base], [{ ...base, content }]);
        assert.ok(bumpLevels.includes(diff.bump));
      }),
      { numRuns: 300 },
    );
  });
});

describe('snapshotFromFiles', () => {
  it('takes kind and name from the envelope', () => {
    const [read] = snapshotFromFiles([{ path: 'workflows/a.json', text: '{"kind":"workflow","name":"intake","spec":{}}' }]);
    assert.deepEqual(read, { kind: 'workflow', name: 'intake', path: 'workflows/a.json', content: { kind: 'workflow', name: 'intake', spec: {} } });
  });

  it('accepts comments and trailing commas', () => {
    const [read] = snapshotFromFiles([{ path: 'agents/a.json', text: '// agent\n{"kind":"agent","name":"a1","spec":{},}' }]);
    assert.equal(read?.name, 'a1');
  });

  it('falls back to the kind of the path and the file name, keeping broken text as content', () => {
    const [read] = snapshotFromFiles([{ path: 'processors/claim-ocr.json', text: '{"kind": ', kind: 'processor' }]);
    assert.deepEqual(read, { kind: 'processor', name: 'claim-ocr', path: 'processors/claim-ocr.json', content: '{"kind": ' });
  });

  it('leaves out files whose kind cannot be told', () => {
    assert.deepEqual(snapshotFromFiles([{ path: 'notes.json', text: '{"name":"x"}' }]), []);
  });
});
