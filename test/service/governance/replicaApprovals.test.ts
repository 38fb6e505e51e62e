import assert from 'node:assert/strict';
import { expireOverdueApprovals } from '../../../server/approvals/expireApprovals';
import { describeEachEngine } from '../../support/engines';
import { startTestService, type TestService } from '../support/testService';
import { startGovernanceService, type GovernanceService } from './governanceService';

describeEachEngine('approvals decided on two replicas of one database', (engine) => {
  let a: GovernanceService;
  let b: TestService;

  /** v1.0.0 ready for production; replica B shares A's database and clock. */
  beforeEach(async () => {
    a = await startGovernanceService(engine);
    b = await startTestService({ engine, databaseUrl: a.databaseUrl, clock: () => a.now });
    await a.registerVersion('v1.0.0');
    await a.deployed('v1.0.0', 'development');
    await a.deployed('v1.0.0', 'staging');
    await a.smokeTested('v1.0.0');
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  const requestProduction = async (version = 'v1.0.0') => {
    const held = await a.call('POST', '/api/releases', { version, environment: 'production' });
    assert.equal(held.status, 202, held.text);
    return held.body.id as string;
  };
  const decide = (service: TestService, id: string, token: string) => service.call('POST', `/api/releases/${id}/approvals`, { decision: 'approve' }, token);

  it('counts two reviewers approving at the same moment on different replicas, and starts the release once', async () => {
    for (let round = 0; round < 4; round += 1) {
      const id = await requestProduction();
      const [first, second] = await Promise.all([decide(a, id, a.tokens.alice), decide(b, id, a.tokens.carol)]);
      assert.deepEqual([first.status, second.status], [200, 200], `${first.text} ${second.text}`);
      await Promise.all([a.deps.tasks.idle(), b.deps.tasks.idle()]);
      const release = (await a.call('GET', `/api/releases/${id}`)).body;
      assert.deepEqual([release.approval, release.status, release.approvals.length], ['approved', 'succeeded', 2], JSON.stringify(release));
      // The second decision was counted with the first: one event says 1 of 2, the other approved with 2.
      const granted = (await a.audit('approval.granted')).filter((event) => event.releaseId === id);
      assert.deepEqual(
        granted.map((event) => [event.outcome, event.details.count]),
        [
          ['waiting', 1],
          ['approved', 2],
        ],
      );
      assert.equal((await a.audit('deployment.started')).filter((event) => event.releaseId === id).length, 1);
    }
  });

  it('counts one reviewer deciding twice at once on two replicas only once', async () => {
    const id = await requestProduction();
    const answers = await Promise.all([decide(a, id, a.tokens.bob), decide(b, id, a.tokens.bob)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409]);
    assert.equal(answers.find((answer) => answer.status === 409)?.body.error.code, 'already_decided');
    const approval = (await b.call('GET', `/api/releases/${id}/approvals`, undefined, a.tokens.alice)).body;
    assert.deepEqual([approval.state, approval.approvals], ['waiting', 1]);
    assert.equal((await a.audit('approval.granted')).filter((event) => event.releaseId === id).length, 1);
  });

  it('expires each overdue approval exactly once while both replicas sweep at the same time', async () => {
    // One waiting release per version: a version waits at most once per environment.
    const ids: string[] = [await requestProduction()];
    for (let patch = 1; patch < 6; patch += 1) {
      const version = `v1.0.${patch}`;
      await a.registerVersion(version);
      await a.deployed(version, 'development');
      await a.deployed(version, 'staging');
      await a.smokeTested(version);
      ids.push(await requestProduction(version));
    }
    a.now = new Date(a.now.getTime() + 25 * 60 * 60 * 1000);
    const sweeps = await Promise.all([a, b, a, b].map((service) => expireOverdueApprovals(service.deps)));
    assert.deepEqual(sweeps.flatMap((sweep) => sweep.expired).sort(), [...ids].sort());
    const expired = await a.audit('approval.expired');
    assert.deepEqual(expired.map((event) => event.releaseId).sort(), [...ids].sort());
    for (const id of ids) {
      const release = (await b.call('GET', `/api/releases/${id}`, undefined, a.adminToken)).body;
      assert.deepEqual([release.status, release.approval], ['failed', 'expired']);
    }
    assert.equal((await a.call('GET', '/api/audit/verify')).body.ok, true);
  });
});
