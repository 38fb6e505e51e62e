import assert from 'node:assert/strict';
import { diffSnapshots } from '../../../core/diff/diffSnapshots';
import { wordDiff } from '../../../extension/releaseDetails/wordDiff';

describe('word-level diffs of changed texts', () => {
  const prompt =
    'You are a fraud analyst for an insurance company. Review each claim for signs of fraud, compare it with the policy history and explain every flag you raise in one short sentence.';

  it('marks the added and removed words and elides the long unchanged stretch before them', () => {
    const segments = wordDiff(prompt, prompt.replace('one short sentence', 'two short sentences'));
    assert.deepEqual(
      segments.filter((segment) => segment.op === 'removed').map((segment) => segment.text.trim()),
      ['one', 'sentence'],
    );
    assert.deepEqual(
      segments.filter((segment) => segment.op === 'added').map((segment) => segment.text.trim()),
      ['two', 'sentences'],
    );
    assert.equal(segments[0]?.op, 'elided', 'the unchanged start is left out');
    const kept = segments
      .filter((segment) => segment.op === 'same')
      .map((segment) => segment.text)
      .join('');
    assert.ok(kept.length < prompt.length / 2, `kept ${kept.length} unchanged characters of ${prompt.length}`);
    assert.match(kept, /raise in/, 'the words right before the change are kept as context');
  });

  it('keeps a short text whole, and an appended sentence reads as one insertion', () => {
    const segments = wordDiff('Route claims.', 'Route claims. Flag new policies.');
    assert.deepEqual(segments, [
      { text: 'Route claims.', op: 'same' },
      { text: ' Flag new policies.', op: 'added' },
    ]);
  });

  it('the version diff carries the whole old and new text of a changed string, not only its shortened description', () => {
    const agent = (system_prompt: string) => ({
      kind: 'agent' as const,
      name: 'fraud-analyst',
      path: 'agents/fraud-analyst.json',
      content: { apiVersion: 'forge/v1', kind: 'agent', metadata: { id: 'fraud-analyst' }, spec: { system_prompt } },
    });
    const next = `${prompt} Flag claims filed within 30 days of the policy start.`;
    const diff = diffSnapshots([agent(prompt)], [agent(next)]);
    const change = diff.changes.find((candidate) => candidate.path.endsWith('system_prompt'));
    assert.ok(change, JSON.stringify(diff.changes));
    assert.equal(change.before, prompt);
    assert.equal(change.after, next);
    assert.ok(change.change.length < next.length, 'the description is still shortened');
  });
});
