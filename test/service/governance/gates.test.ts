import assert from 'node:assert/strict';
import { invalidWorkflowUpload, workflowUpload } from '../support/artifacts';
import { startGovernanceService, type GovernanceService } from './governanceService';
import { describeEachEngine } from '../../support/engines';

const verdicts = (body: any) => body.error.details.gates.map((g: any) => [g.gate, g.passed]);

describeEachEngine('quality gates over HTTP (PRODUCT.md §6)', (engine) => {
  let service: GovernanceService;
  beforeEach(async () => {
    // A Friday, 17:00 in Berlin.
    service = await startGovernanceService(engine, '2026-03-06T16:00:00Z');
  });
  afterEach(async () => service.close());

  it('refuses an invalid version by `validation`', async () => {
    await service.registerVersion('v1.0.0', [invalidWorkflowUpload('loop')]);
    const refused = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    assert.equal(refused.status, 422, refused.text);
    assert.equal(refused.body.error.code, 'gate_failed');
    assert.deepEqual(verdicts(refused.body), [['validation', false]]);
    const audited = (await service.audit('release.requested')).at(-1)!;
    assert.deepEqual([audited.outcome, audited.releaseId, audited.details.gates.map((g: any) => g.passed)], ['refused', null, [false]]);
  });

  it('lists every production gate: promotion-order and required-checks refuse until staging and a smoke-test success', async () => {
    await service.registerVersion('v1.0.0');
    const early = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    assert.equal(early.status, 422, early.text);
    assert.deepEqual(verdicts(early.body), [
      ['validation', true],
      ['promotion-order', false],
      ['required-checks', false],
      ['semver-policy', true],
      ['approvals', true],
    ]);
    const reasons = Object.fromEntries(early.body.error.details.gates.map((g: any) => [g.gate, g.reason]));
    assert.equal(reasons['promotion-order'], 'v1.0.0 has no succeeded release in staging; deploy it there first');
    assert.equal(reasons['required-checks'], 'required checks not passed (not reported: smoke-tests)');

    await service.deployed('v1.0.0', 'development');
    await service.deployed('v1.0.0', 'staging');
    const unchecked = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    assert.deepEqual(
      verdicts(unchecked.body).filter(([, passed]: [string, boolean]) => !passed),
      [['required-checks', false]],
    );
    const failing = await service.call('POST', '/api/versions/v1.0.0/checks', { name: 'smoke-tests', status: 'failure' });
    assert.equal(failing.status, 201);
    const failed = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    assert.match(failed.body.error.details.gates[2].reason, /latest report failed: smoke-tests/);

    await service.smokeTested('v1.0.0');
    const reported = (await service.audit('check.reported')).at(-1)!;
    assert.deepEqual(
      [reported.version, reported.outcome, reported.details],
      ['v1.0.0', 'success', { name: 'smoke-tests', summary: '42 passed', url: 'https://ci.example/1' }],
    );
    const accepted = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    assert.equal(accepted.status, 202, accepted.text);
    assert.deepEqual([accepted.body.status, accepted.body.approval], ['pending', 'waiting']);
  });

  it('refuses a breaking DAG change tagged as a minor by `semver-policy`, naming the smallest acceptable tag', async () => {
    await service.registerVersion('v1.0.0', [workflowUpload('intake', 1), workflowUpload('extra', 1)]);
    // Removing an artifact is a major change.
    await service.registerVersion('v1.1.0', [workflowUpload('intake', 1)]);
    assert.equal((await service.call('GET', '/api/versions/v1.1.0')).body.inferredBump, 'major');
    const refused = await service.call('POST', '/api/releases', { version: 'v1.1.0', environment: 'production' });
    assert.equal(refused.status, 422);
    const semver = refused.body.error.details.gates.find((g: any) => g.gate === 'semver-policy');
    assert.deepEqual(semver, {
      gate: 'semver-policy',
      passed: false,
      reason: 'v1.1.0 is a minor bump over v1.0.0 but the DAG diff has major changes: tag v2.0.0 or higher',
    });
    await service.registerVersion('v2.0.0', [workflowUpload('intake', 1)]);
    const major = await service.call('POST', '/api/releases', { version: 'v2.0.0', environment: 'production', dryRun: true });
    assert.equal(major.body.gates.find((g: any) => g.gate === 'semver-policy').passed, true);
  });

  it('answers a dry run with the same verdicts as the refusal, the plan and wouldPass, changing nothing', async () => {
    await service.registerVersion('v1.0.0');
    const before = await counts();
    const dry = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production', dryRun: true });
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual(await counts(), before);
    const refused = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    assert.deepEqual(dry.body.gates, refused.body.error.details.gates);
    assert.deepEqual([dry.body.wouldPass, dry.body.needsApproval], [false, true]);
    assert.deepEqual(dry.body.plan, { added: [{ kind: 'workflow', name: 'intake', hash: dry.body.plan.added[0].hash }], changed: [], removed: [] });

    await service.deployed('v1.0.0', 'development');
    await service.deployed('v1.0.0', 'staging');
    await service.smokeTested('v1.0.0');
    const settled = await counts();
    const open = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production', dryRun: true });
    assert.deepEqual([open.body.wouldPass, open.body.needsApproval], [true, true]);
    const development = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development', dryRun: true });
    assert.deepEqual([development.body.wouldPass, development.body.needsApproval], [true, false]);
    assert.deepEqual(await counts(), settled);
  });

  describe('freeze windows and the admin break-glass', () => {
    const friday = { kind: 'weekly', days: ['fri'], start: '16:00', end: '23:59', timeZone: 'Europe/Berlin', reason: 'no Friday deploys' };

    beforeEach(async () => {
      await service.registerVersion('v1.0.0');
      await service.registerVersion('v1.1.0');
      await service.deployed('v1.0.0', 'development');
      await service.deployed('v1.1.0', 'development');
      const frozen = await service.call('PUT', '/api/environments/development', { freezeWindows: [friday] });
      assert.equal(frozen.status, 200, frozen.text);
    });

    it('refuses a deploy inside a freeze window; an admin with a reason deploys, audited as freeze.overridden', async () => {
      const refused = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
      assert.equal(refused.status, 422, refused.text);
      assert.deepEqual(verdicts(refused.body), [
        ['validation', true],
        ['freeze', false],
      ]);
      assert.match(refused.body.error.details.gates[1].reason, /deploy freeze in force: fri 16:00–23:59 Europe\/Berlin \(no Friday deploys\)/);

      const override = { reason: 'hotfix for incident 42' };
      const allowed = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development', override }, service.tokens.carol);
      assert.equal(allowed.status, 202, allowed.text);
      assert.deepEqual(allowed.body.gates[1], {
        gate: 'freeze',
        passed: true,
        overridden: true,
        reason: 'deploy freeze in force: fri 16:00–23:59 Europe/Berlin (no Friday deploys); overridden by carol: hotfix for incident 42',
      });
      await service.deps.tasks.idle();
      const overridden = await service.audit('freeze.overridden');
      assert.deepEqual(
        overridden.map((e) => [e.actor, e.environment, e.version, e.releaseId, e.details.reason, e.details.window.reason]),
        [['carol', 'development', 'v1.0.0', allowed.body.id, 'hotfix for incident 42', 'no Friday deploys']],
      );
      const requested = (await service.audit('release.requested')).at(-1)!;
      assert.deepEqual([requested.outcome, requested.details.breakGlass], ['accepted', { reason: 'hotfix for incident 42' }]);

      // Saturday: the window is over.
      service.now = new Date('2026-03-07T09:00:00Z');
      assert.equal((await service.call('POST', '/api/releases', { version: 'v1.1.0', environment: 'development' })).status, 202);
    });

    it('keeps break-glass to admins (403 before any other check) and requires a reason (400)', async () => {
      const asMaintainer = await service.call(
        'POST',
        '/api/releases',
        { version: 'v1.0.0', environment: 'development', override: { reason: 'urgent' } },
        service.tokens.alice,
      );
      assert.deepEqual([asMaintainer.status, asMaintainer.body.error.code], [403, 'forbidden']);
      const withoutReason = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development', override: {} }, service.tokens.alice);
      assert.equal(withoutReason.status, 403);
      for (const override of [{}, { reason: '' }, { reason: '   ' }]) {
        const missing = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development', override });
        assert.equal(missing.status, 400, JSON.stringify(override));
      }
      const promote = await service.call('POST', '/api/environments/staging/promote', { override: { reason: 'urgent' } }, service.tokens.alice);
      assert.equal(promote.status, 403);
      assert.equal((await service.audit('freeze.overridden')).length, 0);
    });

    it('applies the freeze to rollbacks too, with the same break-glass', async () => {
      const refused = await service.call('POST', '/api/environments/development/rollback', {});
      assert.equal(refused.status, 422, refused.text);
      assert.deepEqual(verdicts(refused.body), [['freeze', false]]);
      const rolledBack = await service.call('POST', '/api/environments/development/rollback', { override: { reason: 'bad release' } });
      assert.equal(rolledBack.status, 202, rolledBack.text);
      await service.deps.tasks.idle();
      assert.equal((await service.call('GET', '/api/environments/development')).body.activeVersion, 'v1.0.0');
      assert.equal((await service.audit('freeze.overridden')).length, 1);
    });
  });

  it('checks the deploy right before the input: 401 → 403 → 400/404 → 422', async () => {
    await service.registerVersion('v1.0.0');
    const body = { version: 'v1.0.0', environment: 'production' };
    assert.equal((await service.call('POST', '/api/releases', body, null)).status, 401);
    assert.equal((await service.call('POST', '/api/releases', { ...body, version: 'x'.repeat(500) }, service.tokens.alice)).status, 403);
    assert.equal((await service.call('POST', '/api/releases', { ...body, version: 'x'.repeat(500) })).status, 400);
    assert.equal((await service.call('POST', '/api/releases', { ...body, version: 'v9.9.9' })).status, 404);
    assert.equal((await service.call('POST', '/api/environments/production/promote', {}, service.tokens.alice)).status, 403);
    assert.equal((await service.call('POST', '/api/environments/production/rollback', { version: 'x'.repeat(500) }, service.tokens.dave)).status, 403);
    assert.equal((await service.call('POST', '/api/environments/staging/rollback', {}, service.tokens.dave)).status, 403);
    assert.equal((await service.call('POST', '/api/environments/nowhere/rollback', {}, service.tokens.dave)).status, 404);
    assert.equal((await service.call('POST', '/api/releases', body)).status, 422);
  });

  async function counts(): Promise<[number, number]> {
    const releases = await service.deps.db.execute('SELECT COUNT(*) AS n FROM releases');
    const events = await service.deps.db.execute('SELECT COUNT(*) AS n FROM audit_events');
    return [Number(releases.rows[0]!.n), Number(events.rows[0]!.n)];
  }
});
