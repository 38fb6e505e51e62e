import assert from 'node:assert/strict';
import { claimsRepoArtifacts, invalidWorkflowUpload, versionBody, workflowUpload } from './support/artifacts';
import { startTestService, type TestService } from './support/testService';
import { describeEachEngine } from '../support/engines';

describeEachEngine('versions, change sets and gates', (engine) => {
  let service: TestService;
  beforeEach(async () => {
    service = await startTestService({ engine });
  });
  afterEach(async () => service.close());

  it('registers the claims repository as an immutable bundle with hashes, validated on the server', async () => {
    const artifacts = claimsRepoArtifacts();
    const created = await service.call('POST', '/api/versions', { ...versionBody('v1.0.0', artifacts, 'deadbeef'), message: 'first' });
    assert.equal(created.status, 201, created.text);
    const version = created.body;
    assert.equal(version.tag, 'v1.0.0');
    assert.equal(version.createdBy, 'admin');
    assert.equal(version.artifacts.length, artifacts.length);
    for (const artifact of version.artifacts) assert.match(artifact.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(version.artifacts.map((a: any) => a.name).sort(), [
      'claim-form-classifier',
      'claim-form-extractor',
      'claims-correspondence',
      'claims-correspondent',
      'claims-fraud-review',
      'claims-intake',
      'fraud-analyst',
    ]);
    assert.equal(version.valid, true, JSON.stringify(version.artifacts.flatMap((a: any) => a.diagnostics)));
    const listed = await service.call('GET', '/api/versions');
    assert.deepEqual(
      listed.body.items.map((v: any) => v.tag),
      ['v1.0.0'],
    );
    assert.equal(listed.body.nextCursor, null);
  });

  it('is idempotent for the same tag and content, 409 for different content, 400 for a tag that is not semver', async () => {
    const body = versionBody('v1.2.0', [workflowUpload('intake', 1)]);
    assert.equal((await service.call('POST', '/api/versions', body)).status, 201);
    // Key order and whitespace do not change an artifact's canonical hash.
    const reformatted = { ...body, artifacts: [{ ...body.artifacts[0]!, content: JSON.stringify(JSON.parse(body.artifacts[0]!.content)) }] };
    assert.equal((await service.call('POST', '/api/versions', reformatted)).status, 200);
    const otherCommit = await service.call('POST', '/api/versions', { ...body, commit: 'fff0000' });
    assert.equal(otherCommit.status, 409);
    assert.equal(otherCommit.body.error.code, 'version_exists');
    assert.deepEqual(otherCommit.body.error.details.differences, ['commit']);
    const otherContent = await service.call('POST', '/api/versions', versionBody('v1.2.0', [workflowUpload('intake', 2)]));
    assert.equal(otherContent.status, 409);
    for (const tag of ['1.2.0', 'v1.2', 'release-1', 'v01.2.0']) {
      const refused = await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', 1)]));
      assert.equal(refused.status, 400, tag);
      assert.equal(refused.body.error.code, 'invalid_request');
    }
  });

  it("a 400's issues say what would be accepted (bounds, choices), never the refused value", async () => {
    const message = 'secret-looking text '.repeat(600);
    const refused = await service.call('POST', '/api/versions', { ...versionBody('v1.3.0', [workflowUpload('intake', 1)]), message });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.error.details, {
      target: 'json',
      issues: [{ path: 'message', code: 'too_big', message: refused.body.error.details.issues[0].message, origin: 'string', maximum: 10_000, inclusive: true }],
    });
    assert.ok(!refused.text.includes('secret-looking'));
    const choice = await service.call('POST', '/api/versions/v1.2.0/checks', { name: 'smoke-tests', status: 'passed' });
    assert.equal(choice.status, 400);
    assert.deepEqual(
      choice.body.error.details.issues.map((issue: { path: string; values: unknown }) => [issue.path, issue.values]),
      [['status', ['success', 'failure']]],
    );
  });

  it('stores a version with validation errors as invalid, and the validation gate refuses to deploy it with 422', async () => {
    const created = await service.call('POST', '/api/versions', versionBody('v0.1.0', [invalidWorkflowUpload('loop')]));
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.valid, false);
    assert.ok(created.body.artifacts[0].diagnostics.some((d: any) => d.severity === 'error'));
    const refused = await service.call('POST', '/api/releases', { version: 'v0.1.0', environment: 'development' });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'gate_failed');
    assert.deepEqual(
      refused.body.error.details.gates.map((g: any) => [g.gate, g.passed]),
      [['validation', false]],
    );
    assert.match(refused.body.error.details.gates[0].reason, /workflows\/loop\.json/);
    assert.equal((await service.deps.db.execute('SELECT COUNT(*) AS n FROM releases')).rows[0]!.n, 0);
  });

  it('lists every evaluated gate on 422 and answers a dry run with gates and plan without changing anything', async () => {
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1), workflowUpload('triage', 1)]));
    await service.call('POST', '/api/versions', versionBody('v1.1.0', [workflowUpload('intake', 2), workflowUpload('review', 1)]));
    const staging = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'staging' });
    assert.equal(staging.status, 422);
    assert.deepEqual(
      staging.body.error.details.gates.map((g: any) => [g.gate, g.passed]),
      [
        ['validation', true],
        ['promotion-order', false],
      ],
    );

    await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    await service.deps.tasks.idle();
    const before = await service.deps.db.execute('SELECT COUNT(*) AS n FROM releases');
    const dryRun = await service.call('POST', '/api/releases', { version: 'v1.1.0', environment: 'development', dryRun: true });
    assert.equal(dryRun.status, 200, dryRun.text);
    assert.equal(dryRun.body.wouldPass, true);
    assert.deepEqual(
      dryRun.body.plan.added.map((a: any) => a.name),
      ['review'],
    );
    assert.deepEqual(
      dryRun.body.plan.changed.map((a: any) => a.name),
      ['intake'],
    );
    assert.deepEqual(
      dryRun.body.plan.removed.map((a: any) => a.name),
      ['triage'],
    );
    const failing = await service.call('POST', '/api/releases', { version: 'v1.1.0', environment: 'staging', dryRun: true });
    assert.equal(failing.status, 200);
    assert.equal(failing.body.wouldPass, false);
    assert.equal((await service.deps.db.execute('SELECT COUNT(*) AS n FROM releases')).rows[0]!.n, before.rows[0]!.n);
  });

  it('checks the role before the gates: a developer asking for staging gets 403 even when gates would fail', async () => {
    const developer = await service.userToken('dana', 'developer');
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    const refused = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'staging' }, developer);
    assert.equal(refused.status, 403);
    const missing = await service.call('POST', '/api/releases', { version: 'v9.9.9', environment: 'development' }, developer);
    assert.equal(missing.status, 404);
    assert.equal((await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' }, developer)).status, 202);
    await service.deps.tasks.idle();
  });

  it('infers the bump against the semver predecessor and serves the diff', async () => {
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    const next = await service.call('POST', '/api/versions', versionBody('v1.1.0', [workflowUpload('intake', 1), workflowUpload('review', 1)]));
    assert.equal(next.body.previousTag, 'v1.0.0');
    assert.equal(next.body.declaredBump, 'minor');
    const diff = await service.call('GET', '/api/versions/v1.1.0/diff');
    assert.equal(diff.status, 200, diff.text);
    assert.equal(diff.body.version, 'v1.1.0');
    assert.equal(diff.body.against, 'v1.0.0');
    assert.equal(diff.body.inferredBump, next.body.inferredBump);
    const explicit = await service.call('GET', '/api/versions/v1.0.0/diff?against=v1.1.0');
    assert.equal(explicit.body.against, 'v1.1.0');
    assert.equal((await service.call('GET', '/api/versions/v1.0.0/diff?against=v7.0.0')).status, 404);
  });

  it('records change sets and links them to the versions that include them', async () => {
    const created = await service.call('POST', '/api/changesets', {
      name: 'intake fixes',
      pullRequests: [{ number: 12, title: 'Fix routing', author: 'dana', mergeCommit: 'a1b2c3d' }],
      artifacts: ['workflows/intake.json'],
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    const version = await service.call('POST', '/api/versions', { ...versionBody('v1.0.0', [workflowUpload('intake', 1)]), changeSets: [id] });
    assert.deepEqual(version.body.changeSets, [id]);
    const listed = await service.call('GET', '/api/changesets');
    assert.deepEqual(listed.body.items[0].versions, ['v1.0.0']);
    const unknown = await service.call('POST', '/api/versions', { ...versionBody('v1.0.1', [workflowUpload('intake', 1)]), changeSets: ['nope'] });
    assert.equal(unknown.status, 404);
    assert.equal((await service.call('GET', '/api/versions/v1.0.1')).status, 404);
    const audit = await service.deps.db.execute("SELECT action FROM audit_events WHERE action IN ('changeset.created', 'version.created')");
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['changeset.created', 'version.created'],
    );
  });

  it('pages lists with limit and cursor', async () => {
    for (let i = 0; i < 5; i += 1) await service.call('POST', '/api/versions', versionBody(`v1.0.${i}`, [workflowUpload('intake', i)]));
    const first = await service.call('GET', '/api/versions?limit=2');
    assert.deepEqual(
      first.body.items.map((v: any) => v.tag),
      ['v1.0.4', 'v1.0.3'],
    );
    const second = await service.call('GET', `/api/versions?limit=2&cursor=${first.body.nextCursor}`);
    assert.deepEqual(
      second.body.items.map((v: any) => v.tag),
      ['v1.0.2', 'v1.0.1'],
    );
    const last = await service.call('GET', `/api/versions?limit=2&cursor=${second.body.nextCursor}`);
    assert.deepEqual(
      last.body.items.map((v: any) => v.tag),
      ['v1.0.0'],
    );
    assert.equal(last.body.nextCursor, null);
  });
});
