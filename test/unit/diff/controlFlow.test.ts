import assert from 'node:assert/strict';
import { assertOnlyChange, diffAfterChanging, nodeOf, type Json } from './exampleSnapshot';

// claims-intake `route` is a BRANCH (paths medical → extract_medical, generic → extract_generic), `merge` a MERGER;
// claims-correspondence `by_status` is a SWITCH (approved, denied, default letter_pending).
const route = (mutate: (definition: Json, content: Json) => void) => diffAfterChanging('claims-intake', (c) => mutate(nodeOf(c, 'route').definition, c));
const merge = (mutate: (definition: Json) => void) => diffAfterChanging('claims-intake', (c) => mutate(nodeOf(c, 'merge').definition));
const byStatus = (mutate: (definition: Json, content: Json) => void) => diffAfterChanging('claims-correspondence', (c) => mutate(nodeOf(c, 'by_status').definition, c));
const pathOf = (definition: Json, id: string) => definition.paths.find((p: Json) => p.path_id === id);

describe('diffSnapshots: control flow', () => {
  it('a branch path target removed is major', () => {
    assertOnlyChange(
      route((d) => (pathOf(d, 'medical').target_node_ids = [])),
      {
        path: 'spec.plan.nodes[route].definition.paths[medical].target_node_ids',
        bump: 'major',
        words: /control-flow target "extract_medical" removed from path "medical"/,
      },
    );
  });

  it('a branch path target added is minor', () => {
    assertOnlyChange(
      route((d) => pathOf(d, 'generic').target_node_ids.push('extract_medical')),
      {
        path: 'spec.plan.nodes[route].definition.paths[generic].target_node_ids',
        bump: 'minor',
        words: /control-flow target "extract_medical" added to path "generic"/,
      },
    );
  });

  it('a branch path removed is major', () => {
    assertOnlyChange(
      route((d) => (d.paths = d.paths.filter((p: Json) => p.path_id !== 'medical'))),
      {
        path: 'spec.plan.nodes[route].definition.paths[medical]',
        bump: 'major',
        words: /path "medical" removed \(targets \["extract_medical"\]\)/,
      },
    );
  });

  it('a new branch path is minor', () => {
    assertOnlyChange(
      route((d) => d.paths.push({ path_id: 'dental', target_node_ids: ['extract_generic'], condition: { jsonpath: '$.metadata.form', operator: '==', value: 'ada' } })),
      {
        path: 'spec.plan.nodes[route].definition.paths[dental]',
        bump: 'minor',
        words: /new path "dental"/,
      },
    );
  });

  it('a condition value changed is major', () => {
    assertOnlyChange(
      route((d) => (pathOf(d, 'medical').condition.value = ['cms1500'])),
      {
        path: 'spec.plan.nodes[route].definition.paths[medical].condition.value',
        bump: 'major',
        words: /^condition value changed/,
      },
    );
  });

  it('a condition operator changed is major', () => {
    assertOnlyChange(
      route((d) => (pathOf(d, 'medical').condition.operator = 'not_in')),
      {
        path: 'spec.plan.nodes[route].definition.paths[medical].condition.operator',
        bump: 'major',
        words: /condition operator changed from "in" to "not_in"/,
      },
    );
  });

  it('a condition added to an unconditional path is major', () => {
    assertOnlyChange(
      route((d) => (pathOf(d, 'generic').condition = { jsonpath: '$.metadata.pages', operator: '>', value: 0 })),
      {
        path: 'spec.plan.nodes[route].definition.paths[generic].condition',
        bump: 'major',
        words: /condition added/,
      },
    );
  });

  it('a path priority changed is a patch', () => {
    assertOnlyChange(
      route((d) => (pathOf(d, 'medical').priority = 5)),
      {
        path: 'spec.plan.nodes[route].definition.paths[medical].priority',
        bump: 'patch',
        words: /priority changed from 2 to 5/,
      },
    );
  });

  const behaviour: Array<[string, () => ReturnType<typeof route>, string, RegExp]> = [
    [
      'evaluation_mode',
      () => route((d) => (d.evaluation_mode = 'all_match')),
      'spec.plan.nodes[route].definition.evaluation_mode',
      /evaluation_mode changed from "first_match" to "all_match"/,
    ],
    [
      'default_path_id',
      () => route((d) => (d.default_path_id = 'medical')),
      'spec.plan.nodes[route].definition.default_path_id',
      /default_path_id changed from "generic" to "medical"/,
    ],
    [
      'merge_strategy',
      () => merge((d) => (d.merge_strategy = 'wait_any')),
      'spec.plan.nodes[merge].definition.merge_strategy',
      /merge_strategy changed from "wait_all_active" to "wait_any"/,
    ],
    ['min_required', () => merge((d) => (d.min_required = 1)), 'spec.plan.nodes[merge].definition.min_required', /min_required added: 1/],
    [
      'switch_field',
      () => byStatus((d) => (d.switch_field = '$.nodes.lookup_claim.output.state')),
      'spec.plan.nodes[by_status].definition.switch_field',
      /switch_field changed/,
    ],
  ];
  for (const [key, diff, path, words] of behaviour) {
    it(`${key} changed is major`, () => assertOnlyChange(diff(), { path, bump: 'major', words }));
  }

  it('a switch case mapping changed is major', () => {
    assertOnlyChange(
      byStatus((d) => d.cases.approved.push('letter_pending')),
      {
        path: 'spec.plan.nodes[by_status].definition.cases[approved]',
        bump: 'major',
        words: /control-flow target "letter_pending" added to case "approved"/,
      },
    );
    const retargeted = byStatus((d) => (d.cases.approved = ['letter_pending']));
    assert.deepEqual(
      retargeted.changes.map((change) => change.bump),
      ['major', 'major'],
    );
    assert.match(retargeted.changes[0]?.change ?? '', /control-flow target "letter_approved" removed from case "approved"/);
  });

  it('a switch case removed is major', () => {
    assertOnlyChange(
      byStatus((d) => delete d.cases.denied),
      {
        path: 'spec.plan.nodes[by_status].definition.cases[denied]',
        bump: 'major',
        words: /switch case "denied" removed/,
      },
    );
  });

  it('a new switch case is minor', () => {
    assertOnlyChange(
      byStatus((d) => (d.cases.withdrawn = ['letter_pending'])),
      {
        path: 'spec.plan.nodes[by_status].definition.cases[withdrawn]',
        bump: 'minor',
        words: /new switch case "withdrawn" → \["letter_pending"\]/,
      },
    );
  });

  it('the default case changed is major', () => {
    assertOnlyChange(
      byStatus((d) => (d.default_case = [])),
      {
        path: 'spec.plan.nodes[by_status].definition.default_case',
        bump: 'major',
        words: /control-flow target "letter_pending" removed from the default case/,
      },
    );
  });
});
