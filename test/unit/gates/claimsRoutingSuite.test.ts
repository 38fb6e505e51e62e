import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluationReportSchema } from '../../../core/api/evaluation';
import { evaluateEvaluationGate, suiteRequirementSchema } from '../../../core/gates/evaluationGate';

const claimsRepo = resolve(__dirname, '..', '..', '..', 'examples', 'claims-repo');
const suite = join(claimsRepo, 'evaluations', 'claims-routing');

/** Runs the example's suite on a repository folder, as its CI job does. */
function evaluate(repository: string) {
  const run = spawnSync(process.execPath, [join(suite, 'evaluate.mjs'), repository], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('examples/claims-repo: the claims-routing evaluation suite and the gate production is given', () => {
  let copy: string;
  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), 'forge-claims-routing-'));
    cpSync(claimsRepo, copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  const requirement = () => suiteRequirementSchema.parse(JSON.parse(readFileSync(join(suite, 'gate.json'), 'utf8')));
  const report = (stdout: string) => evaluationReportSchema.parse(JSON.parse(stdout));

  it('replays the labelled claims through the intake workflow and prints a result eval report --from accepts', () => {
    const run = evaluate(claimsRepo);
    assert.equal(run.code, 0, run.stderr);
    const result = report(run.stdout);
    assert.deepEqual([result.suite, result.metrics], ['claims-routing', { accuracy: 0.95, misrouted: 2 }]);
    assert.equal(result.summary, '38 of 40 claims routed as labelled; misrouted: c25 (ada_dental), c26 (ada_dental)');
  });

  it("a routing change that sends UB-04 forms to the generic extractor fails production's gate on accuracy, its drop and misrouted", () => {
    const active = report(evaluate(claimsRepo).stdout);
    const path = join(copy, 'workflows', 'claims-intake.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"cms1500",\s*"ub04"/, '"cms1500"'));
    const run = evaluate(copy);
    assert.equal(run.code, 0, run.stderr);
    const candidate = report(run.stdout);
    assert.deepEqual(candidate.metrics, { accuracy: 0.7, misrouted: 12 });

    const verdict = evaluateEvaluationGate({
      requirements: [requirement()],
      candidate: { tag: 'v1.1.0', results: [{ ...candidate, environment: null }] },
      active: { tag: 'v1.0.0', results: [{ ...active, environment: null }] },
      environment: 'production',
    });
    assert.equal(verdict.passed, false);
    assert.equal(
      verdict.reason,
      [
        'claims-routing: accuracy 0.7 is below the minimum 0.9',
        'claims-routing: accuracy dropped 0.25 from 0.95 (v1.0.0, active in production), more than maxDrop 0.02',
        'claims-routing: misrouted 12 is above the maximum 4',
      ].join('; '),
    );
    const unchanged = evaluateEvaluationGate({
      requirements: [requirement()],
      candidate: { tag: 'v1.0.1', results: [{ ...active, environment: null }] },
      active: { tag: 'v1.0.0', results: [{ ...active, environment: null }] },
      environment: 'production',
    });
    assert.equal(unchanged.passed, true, unchanged.reason);
  });

  it('exits 1 with one line when the workflow has no routing branch to replay', () => {
    const path = join(copy, 'workflows', 'claims-intake.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"task_id": "route"', '"task_id": "routing"'));
    const run = evaluate(copy);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'evaluate: workflows/claims-intake.json has no BRANCH node "route"\n');
    assert.equal(run.stdout, '');
  });
});
