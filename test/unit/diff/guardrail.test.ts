import { assertOnlyChange, diffAfterChanging, nodeOf, type Json } from './exampleSnapshot';

// claims-fraud-review `risk_check`: metrics "Assessment shape" (threshold 1) and "Low fraud risk" (0.85), pass_threshold 0.8.
const riskCheck = (mutate: (definition: Json) => void, prepare?: (definition: Json) => void) =>
  diffAfterChanging('claims-fraud-review', (c) => mutate(nodeOf(c, 'risk_check').definition), prepare && ((c) => prepare(nodeOf(c, 'risk_check').definition)));
const metric = (definition: Json, name: string) => definition.metrics.find((m: Json) => m.name === name);
const base = 'spec.plan.nodes[risk_check].definition';

describe('diffSnapshots: guardrails', () => {
  it('a metric removed is major', () => {
    assertOnlyChange(
      riskCheck((d) => (d.metrics = d.metrics.filter((m: Json) => m.name !== 'Low fraud risk'))),
      {
        path: `${base}.metrics[Low fraud risk]`,
        bump: 'major',
        words: /guardrail metric "Low fraud risk" removed/,
      },
    );
  });

  it('a metric added is minor', () => {
    assertOnlyChange(
      riskCheck((d) => d.metrics.push({ type: 'length_check', name: 'Reasons given', params: { min: 1 } })),
      {
        path: `${base}.metrics[Reasons given]`,
        bump: 'minor',
        words: /guardrail metric "Reasons given" added/,
      },
    );
  });

  it('a metric threshold raised is major', () => {
    assertOnlyChange(
      riskCheck((d) => (metric(d, 'Low fraud risk').threshold = 0.9)),
      {
        path: `${base}.metrics[Low fraud risk].threshold`,
        bump: 'major',
        words: /threshold of metric "Low fraud risk" raised from 0.85 to 0.9/,
      },
    );
  });

  it('a metric threshold lowered is minor', () => {
    assertOnlyChange(
      riskCheck((d) => (metric(d, 'Low fraud risk').threshold = 0.7)),
      {
        path: `${base}.metrics[Low fraud risk].threshold`,
        bump: 'minor',
        words: /threshold of metric "Low fraud risk" lowered from 0.85 to 0.7/,
      },
    );
  });

  it('an omitted threshold counts as the 0.8 default', () => {
    assertOnlyChange(
      riskCheck(
        (d) => (metric(d, 'Low fraud risk').threshold = 0.9),
        (d) => delete metric(d, 'Low fraud risk').threshold,
      ),
      { path: `${base}.metrics[Low fraud risk].threshold`, bump: 'major', words: /raised from 0.8 to 0.9/ },
    );
  });

  it('the pass threshold raised is major and lowered is minor', () => {
    assertOnlyChange(
      riskCheck((d) => (d.pass_threshold = 0.95)),
      {
        path: `${base}.pass_threshold`,
        bump: 'major',
        words: /pass threshold raised from 0.8 to 0.95/,
      },
    );
    assertOnlyChange(
      riskCheck((d) => (d.pass_threshold = 0.5)),
      {
        path: `${base}.pass_threshold`,
        bump: 'minor',
        words: /pass threshold lowered from 0.8 to 0.5/,
      },
    );
  });

  it('a metric weight changed is a patch', () => {
    assertOnlyChange(
      riskCheck((d) => (metric(d, 'Low fraud risk').weight = 3)),
      {
        path: `${base}.metrics[Low fraud risk].weight`,
        bump: 'patch',
        words: /weight changed from 2 to 3/,
      },
    );
  });

  it('a pass or fail target removed is major', () => {
    assertOnlyChange(
      riskCheck((d) => (d.paths.find((p: Json) => p.path_id === 'fail').target_node_ids = [])),
      {
        path: `${base}.paths[fail].target_node_ids`,
        bump: 'major',
        words: /control-flow target "investigator_review" removed from path "fail"/,
      },
    );
  });

  it('the evaluation timeout changed is a patch', () => {
    assertOnlyChange(
      riskCheck((d) => (d.evaluation_timeout = 90)),
      {
        path: `${base}.evaluation_timeout`,
        bump: 'patch',
        words: /evaluation_timeout changed from 60 to 90/,
      },
    );
  });
});
