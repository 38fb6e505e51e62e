import { strict as assert } from 'node:assert';
import { describeBreach, judgeCheck } from '../../../core/verification/judgeCheck';

const ratio = { name: 'job-failure-ratio', query: 'q', max: 0.05 };
const samples = (...values: [Record<string, string>, string][]) => ({ kind: 'samples' as const, samples: values.map(([labels, value]) => ({ labels, value })) });

describe('judging a verification check', () => {
  it('passes a value within its max and breaches one above it', () => {
    assert.deepEqual(judgeCheck(ratio, samples([{}, '0.01'])), {
      metric: 'job-failure-ratio',
      bound: 'max 0.05',
      series: null,
      value: 0.01,
      verdict: 'pass',
      detail: null,
    });
    assert.equal(judgeCheck(ratio, samples([{}, '0.05'])).verdict, 'pass', 'the bound itself is within');
    assert.equal(judgeCheck(ratio, samples([{}, '0.0500001'])).verdict, 'breach');
  });

  it('holds a min and both bounds', () => {
    const throughput = { name: 'throughput', query: 'q', min: 1 };
    assert.equal(judgeCheck(throughput, samples([{}, '0.5'])).verdict, 'breach');
    const band = { name: 'band', query: 'q', min: 1, max: 2 };
    assert.equal(judgeCheck(band, samples([{}, '1.5'])).bound, 'min 1, max 2');
    assert.equal(judgeCheck(band, samples([{}, '2.5'])).verdict, 'breach');
    assert.equal(judgeCheck(band, samples([{}, '0.5'])).verdict, 'breach');
  });

  it('with several series judges the worst and names its labels', () => {
    const judged = judgeCheck(
      ratio,
      samples([{ planner: 'claims-intake' }, '0.01'], [{ planner: 'claims-fraud-review' }, '0.2'], [{ planner: 'claims-correspondence' }, '0.07']),
    );
    assert.deepEqual(
      { value: judged.value, series: judged.series, verdict: judged.verdict },
      { value: 0.2, series: '{planner="claims-fraud-review"}', verdict: 'breach' },
    );
    const band = { name: 'band', query: 'q', min: 1, max: 2 };
    // Below the min by 0.9 is worse than above the max by 0.1.
    assert.equal(judgeCheck(band, samples([{ a: '1' }, '2.1'], [{ a: '2' }, '0.1'])).value, 0.1);
    assert.equal(judgeCheck(ratio, samples([{ a: '1', __name__: 'x' }, '0.01'])).series, '{a="1"}');
  });

  it('is inconclusive without a value: no sample, only NaN, or no answer', () => {
    assert.deepEqual(judgeCheck(ratio, samples()), {
      metric: 'job-failure-ratio',
      bound: 'max 0.05',
      series: null,
      value: null,
      verdict: 'inconclusive',
      detail: 'the query returned no sample',
    });
    assert.equal(judgeCheck(ratio, samples([{}, 'NaN'])).detail, 'the query returned only NaN (nothing to compute it from)');
    assert.equal(judgeCheck(ratio, { kind: 'unavailable', detail: 'http://p/api/v1/query is unreachable: ECONNREFUSED' }).verdict, 'inconclusive');
    // A NaN series beside a real one is left out, not counted as a pass or a breach.
    assert.equal(judgeCheck(ratio, samples([{ a: '1' }, 'NaN'], [{ a: '2' }, '0.01'])).verdict, 'pass');
  });

  it('judges infinities, keeping them out of the JSON value', () => {
    const judged = judgeCheck(ratio, samples([{}, '+Inf']));
    assert.deepEqual({ value: judged.value, verdict: judged.verdict, detail: judged.detail }, { value: null, verdict: 'breach', detail: 'the value is +Inf' });
    assert.equal(describeBreach(ratio, judged), 'job-failure-ratio was +Inf, above its max 0.05');
    assert.equal(judgeCheck({ name: 'n', query: 'q', min: 0 }, samples([{}, '-Inf'])).verdict, 'breach');
  });

  it('words a breach with the metric, its value, its series and the bound', () => {
    assert.equal(
      describeBreach(ratio, { value: 0.123456789, series: '{planner="claims-intake"}', detail: null }),
      'job-failure-ratio was 0.123457 {planner="claims-intake"}, above its max 0.05',
    );
    assert.equal(describeBreach({ name: 'throughput', min: 1 }, { value: 0.2, series: null, detail: null }), 'throughput was 0.2, below its min 1');
  });
});
