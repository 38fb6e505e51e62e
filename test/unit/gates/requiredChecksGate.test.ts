import { strict as assert } from 'node:assert';
import { evaluateRequiredChecks, type CheckReport } from '../../../core/gates/requiredChecksGate';

const report = (name: string, status: 'success' | 'failure', at: string): CheckReport => ({ name, status, at });

describe('required-checks gate', () => {
  it('passes when every required check succeeded', () => {
    const result = evaluateRequiredChecks(
      ['smoke-tests', 'lint'],
      [report('smoke-tests', 'success', '2024-03-01T10:00:00Z'), report('lint', 'success', '2024-03-01T10:01:00Z')],
    );
    assert.deepEqual([result.gate, result.passed], ['required-checks', true]);
    assert.match(result.reason, /smoke-tests, lint/);
  });

  it('fails naming a check that was never reported', () => {
    const result = evaluateRequiredChecks(['smoke-tests'], [report('lint', 'success', '2024-03-01T10:00:00Z')]);
    assert.equal(result.passed, false);
    assert.match(result.reason, /not reported: smoke-tests/);
  });

  it('the latest report of a name wins: a later success repairs a failure', () => {
    const result = evaluateRequiredChecks(
      ['smoke-tests'],
      [report('smoke-tests', 'success', '2024-03-01T11:00:00Z'), report('smoke-tests', 'failure', '2024-03-01T10:00:00Z')],
    );
    assert.equal(result.passed, true);
  });

  it('the latest report of a name wins: a later failure undoes a success', () => {
    const result = evaluateRequiredChecks(
      ['smoke-tests'],
      [report('smoke-tests', 'success', '2024-03-01T10:00:00Z'), report('smoke-tests', 'failure', '2024-03-01T11:00:00Z')],
    );
    assert.equal(result.passed, false);
    assert.match(result.reason, /latest report failed: smoke-tests/);
  });

  it('on equal timestamps the report that arrived last wins', () => {
    const at = '2024-03-01T10:00:00Z';
    assert.equal(evaluateRequiredChecks(['e2e'], [report('e2e', 'failure', at), report('e2e', 'success', at)]).passed, true);
    assert.equal(evaluateRequiredChecks(['e2e'], [report('e2e', 'success', at), report('e2e', 'failure', at)]).passed, false);
  });

  it('lists missing and failing checks together', () => {
    const result = evaluateRequiredChecks(['a', 'b', 'c'], [report('a', 'failure', '2024-03-01T10:00:00Z'), report('c', 'success', '2024-03-01T10:00:00Z')]);
    assert.equal(result.passed, false);
    assert.match(result.reason, /not reported: b; latest report failed: a/);
  });

  it('passes when no checks are required', () => {
    const result = evaluateRequiredChecks([], []);
    assert.deepEqual([result.passed, result.reason], [true, 'no checks are required']);
  });
});
