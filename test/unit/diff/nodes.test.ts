import assert from 'node:assert/strict';
import { assertOnlyChange, diffAfterChanging, nodeOf, type Json } from './exampleSnapshot';

const intake = (mutate: (content: Json) => void) => diffAfterChanging('claims-intake', mutate);

describe('diffSnapshots: plan nodes', () => {
  it('a node removed is major', () => {
    assertOnlyChange(
      intake((c) => (c.spec.plan.nodes = c.spec.plan.nodes.filter((node: Json) => node.task_id !== 'publish'))),
      { path: 'spec.plan.nodes[publish]', bump: 'major', words: /node "publish" removed \(COMPUTE, EXECUTOR_ENDPOINT\)/ },
    );
  });

  it('a renamed task_id is a removal plus an addition', () => {
    const diff = intake((c) => (nodeOf(c, 'publish').task_id = 'publish_claim'));
    assert.deepEqual(
      diff.changes.map((change) => [change.path, change.bump]),
      [
        ['spec.plan.nodes[publish]', 'major'],
        ['spec.plan.nodes[publish_claim]', 'minor'],
      ],
    );
    assert.equal(diff.bump, 'major');
  });

  it('a node added is minor', () => {
    assertOnlyChange(
      intake((c) =>
        c.spec.plan.nodes.push({
          task_id: 'notify',
          query_str: '7: Notify',
          dependencies: ['publish'],
          node_type: 'COMPUTE',
          definition: { method: 'EXECUTOR_ENDPOINT', endpoint: 'notify_executor://claims/notify', params: {} },
        }),
      ),
      { path: 'spec.plan.nodes[notify]', bump: 'minor', words: /node "notify" added \(COMPUTE, EXECUTOR_ENDPOINT\)/ },
    );
  });

  it('a dependency removed is major', () => {
    assertOnlyChange(
      intake((c) => (nodeOf(c, 'merge').dependencies = ['extract_medical'])),
      {
        path: 'spec.plan.nodes[merge].dependencies',
        bump: 'major',
        words: /dependency on "extract_generic" removed/,
      },
    );
  });

  it('a dependency added is minor', () => {
    assertOnlyChange(
      intake((c) => nodeOf(c, 'publish').dependencies.push('classify')),
      {
        path: 'spec.plan.nodes[publish].dependencies',
        bump: 'minor',
        words: /dependency on "classify" added/,
      },
    );
  });

  it('node_type changed is major', () => {
    assertOnlyChange(
      intake((c) => (nodeOf(c, 'extract_generic').node_type = 'EXTRACTOR')),
      {
        path: 'spec.plan.nodes[extract_generic].node_type',
        bump: 'major',
        words: /node_type changed from "COMPUTE" to "EXTRACTOR"/,
      },
    );
  });

  it('writing out the default node_type is only a patch', () => {
    assertOnlyChange(
      intake((c) => delete nodeOf(c, 'publish').node_type),
      {
        path: 'spec.plan.nodes[publish].node_type',
        bump: 'patch',
        words: /node_type removed/,
      },
    );
  });

  it('definition.method changed is major', () => {
    assertOnlyChange(
      intake((c) => (nodeOf(c, 'extract_generic').definition.method = 'PYTHON_FUNCTION')),
      {
        path: 'spec.plan.nodes[extract_generic].definition.method',
        bump: 'major',
        words: /method changed from "EXECUTOR_ENDPOINT" to "PYTHON_FUNCTION"/,
      },
    );
  });

  const patches: Array<[string, (content: Json) => void, string, RegExp]> = [
    [
      'params',
      (c) => (nodeOf(c, 'classify').definition.params.layout = 'claims_v2'),
      'spec.plan.nodes[classify].definition.params.layout',
      /layout changed from "claims" to "claims_v2"/,
    ],
    [
      'an agent or processor reference in params',
      (c) => (nodeOf(c, 'classify').definition.params.processor = 'other-classifier'),
      'spec.plan.nodes[classify].definition.params.processor',
      /processor changed/,
    ],
    ['endpoint', (c) => (nodeOf(c, 'publish').definition.endpoint = 'export_executor://results/v2'), 'spec.plan.nodes[publish].definition.endpoint', /endpoint changed/],
    [
      'model_name',
      (c) => (nodeOf(c, 'classify').definition.model_name = 'qwen_v3_vl'),
      'spec.plan.nodes[classify].definition.model_name',
      /model_name changed from "qwen_v2_5_vl" to "qwen_v3_vl"/,
    ],
    ['a timeout', (c) => (nodeOf(c, 'merge').definition.timeout_seconds = 300), 'spec.plan.nodes[merge].definition.timeout_seconds', /timeout_seconds added: 300/],
    ['query_str', (c) => (nodeOf(c, 'publish').query_str = '6: Publish claim'), 'spec.plan.nodes[publish].query_str', /query_str changed/],
    ['the description', (c) => (c.description = 'Intake of claim forms'), 'description', /description changed/],
    ['tags', (c) => c.tags.push('medical'), 'tags', /tags changed: added "medical"/],
  ];
  for (const [what, mutate, path, words] of patches) {
    it(`${what} changed is a patch`, () => {
      assertOnlyChange(intake(mutate), { path, bump: 'patch', words });
    });
  }

  it('a dependency moved to another position is none', () => {
    const diff = intake((c) => nodeOf(c, 'merge').dependencies.reverse());
    assert.deepEqual(diff.changes, []);
    assert.equal(diff.bump, 'none');
  });
});
