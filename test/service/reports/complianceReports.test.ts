import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { playHistory, type ScriptedHistory } from '../audit/scriptedHistory';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('compliance reports over HTTP for a scripted history', function (engine) {
  this.timeout(180_000);
  let history: ScriptedHistory;
  let head: { seq: number; hash: string };

  /** A report as text, read by a maintainer. */
  async function text(path: string): Promise<{ body: string; contentType: string }> {
    const response = await history.service.app.request(path, { headers: { authorization: `Bearer ${history.actors.mara.token}` } });
    assert.equal(response.status, 200, path);
    return { body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
  }

  /** A CSV report: a plain RFC 4180 table saved under a file name (its statements are in the JSON form). */
  async function csv(path: string): Promise<{ rows: Record<string, string>[]; fileName: string | undefined }> {
    const response = await history.service.app.request(path, { headers: { authorization: `Bearer ${history.actors.mara.token}` } });
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    const fileName = /^attachment; filename="([^"]+)"$/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    return { rows: parse(await response.text(), { columns: true }), fileName };
  }

  before(async () => {
    history = await playHistory(engine);
    const { items } = await history.ok('GET', '/api/audit?limit=1000', undefined, history.actors.mara);
    const last = items.at(-1);
    head = { seq: last.seq, hash: last.hash };
  });
  after(async () => history.close());

  describe('change log', () => {
    it('json: every version with its commit, pull requests, change sets, artifact changes and approval chain', async () => {
      const report = await history.ok('GET', '/api/reports/changelog', undefined, history.actors.mara);
      assert.equal(report.kind, 'changelog');
      assert.deepEqual(
        report.rows.map((row: any) => [row.version, row.createdBy, row.commit, row.valid]),
        [
          ['v1.0.0', 'mara', 'c0ffee1', true],
          ['v1.1.0', 'mara', 'c0ffee2', true],
          ['v1.2.0', 'mara', 'c0ffee3', true],
        ],
      );
      const [first, second, third] = report.rows;
      assert.deepEqual(first.pullRequests, [{ number: 12, title: 'Add fraud check', author: 'dev' }]);
      assert.deepEqual(first.changeSets, [{ id: history.changeSetId, name: 'Fraud check' }]);
      assert.deepEqual(
        second.changes.map((c: any) => [c.kind, c.name, c.change, c.bump]),
        [
          ['workflow', 'intake', 'description changed from "revision 1" to "revision 2"', 'patch'],
          ['workflow', 'intake', 'revision changed from 1 to 2', 'patch'],
        ],
      );
      assert.deepEqual(
        second.approvals.map((a: any) => [a.step, a.actor, a.environment, a.comment]),
        [
          ['requested', 'admin', 'production', null],
          ['granted', 'mara', 'production', 'looks good'],
          ['granted', 'mo', 'production', null],
        ],
      );
      assert.deepEqual(
        third.approvals.map((a: any) => [a.step, a.actor, a.comment]),
        [
          ['requested', 'admin', null],
          ['denied', 'mo', 'not this week'],
        ],
      );
    });

    it('json: a period keeps only the versions created in it', async () => {
      const report = await history.ok('GET', '/api/reports/changelog?start=2024-03-01&end=2024-03-03', undefined, history.actors.mara);
      assert.deepEqual(
        report.rows.map((row: any) => row.version),
        ['v1.1.0'],
      );
      assert.deepEqual(report.period, { start: '2024-03-01T00:00:00.000Z', end: '2024-03-04T00:00:00.000Z' });
    });

    it('csv: one line per artifact change with the approval chain', async () => {
      const { rows, fileName } = await csv('/api/reports/changelog?format=csv');
      assert.equal(fileName, 'forge-changelog-2024-03-06.csv');
      assert.deepEqual(
        rows.map((row) => [row.version, row.kind, row.name, row.bump, row.pullRequests, row.change]),
        [
          ['v1.0.0', 'workflow', 'intake', 'minor', '#12 Add fraud check (dev)', 'workflow "intake" added'],
          ['v1.1.0', 'workflow', 'intake', 'patch', '', 'description changed from "revision 1" to "revision 2"'],
          ['v1.1.0', 'workflow', 'intake', 'patch', '', 'revision changed from 1 to 2'],
          ['v1.2.0', 'workflow', 'intake', 'patch', '', 'description changed from "revision 2" to "revision 3"'],
          ['v1.2.0', 'workflow', 'intake', 'patch', '', 'revision changed from 2 to 3'],
        ],
      );
      assert.match(rows[1]!.approvalChain!, /granted by mara for production \(1\/2\): looks good; .*granted by mo for production \(2\/2\)/);
      assert.match(rows[3]!.approvalChain!, /denied by mo for production \(0\/2\): not this week/);
    });

    it('md: a heading, the statements and the same lines as a table', async () => {
      const { body, contentType } = await text('/api/reports/changelog?format=md');
      assert.match(contentType, /^text\/markdown/);
      const lines = body.split('\n');
      assert.equal(lines[0], '# Change log');
      assert.ok(lines.includes(`- **Audit chain head:** seq ${head.seq}, hash ${head.hash}`), body);
      const table = lines.filter((line) => line.startsWith('| v1.'));
      assert.equal(table.length, 5);
      assert.match(table[1]!, /^\| v1\.1\.0 \| 2024-03-02T09:00:00\.000Z \| mara \| c0ffee2 \|/);
    });
  });

  describe('deployment history', () => {
    it('json: production runs with when, what, who, outcome and duration', async () => {
      const report = await history.ok('GET', '/api/reports/deployments?environment=production', undefined, history.actors.mara);
      const { prod100, prod110, rollback } = history.releases;
      assert.deepEqual(
        report.rows.map((row: any) => [row.releaseId, row.startedAt, row.version, row.kind, row.requestedBy, row.outcome, row.previousVersion]),
        [
          [prod100, '2024-02-25T10:00:00.000Z', 'v1.0.0', 'deploy', 'admin', 'succeeded', null],
          [prod110, '2024-03-03T10:00:00.000Z', 'v1.1.0', 'deploy', 'admin', 'succeeded', 'v1.0.0'],
          [rollback, '2024-03-05T10:00:00.000Z', 'v1.0.0', 'rollback', 'admin', 'succeeded', 'v1.1.0'],
        ],
      );
      for (const row of report.rows) assert.equal(typeof row.durationMs, 'number');
      assert.equal(report.environment, 'production');
    });

    it('csv: every environment, with the failed run and its error', async () => {
      const { rows, fileName } = await csv('/api/reports/deployments?format=csv&start=2024-03-04');
      assert.equal(fileName, 'forge-deployments-2024-03-06.csv');
      assert.deepEqual(
        rows.map((row) => [row.environment, row.version, row.requestedBy, row.outcome]),
        [
          ['development', 'v1.2.0', 'dev', 'succeeded'],
          ['staging', 'v1.2.0', 'mara', 'succeeded'],
          ['production', 'v1.0.0', 'admin', 'succeeded'],
          ['development', 'v1.0.0', 'dev', 'failed'],
        ],
      );
      assert.match(rows[3]!.error!, /gateway activation failed/);
      const json = await history.ok('GET', '/api/reports/deployments?start=2024-03-04', undefined, history.actors.mara);
      assert.deepEqual([json.chainHead, json.generatedAt], [head, '2024-03-06T10:00:00.000Z']);
    });

    it('md: one table line per run', async () => {
      const { body } = await text('/api/reports/deployments?format=md&environment=production');
      const runs = body.split('\n').filter((line) => line.startsWith('| 2024-'));
      assert.deepEqual(
        runs.map((line) => line.split(' | ').slice(2, 7)),
        [
          ['production', 'v1.0.0', 'deploy', 'admin', 'succeeded'],
          ['production', 'v1.1.0', 'deploy', 'admin', 'succeeded'],
          ['production', 'v1.0.0', 'rollback', 'admin', 'succeeded'],
        ],
      );
    });
  });

  describe('access log', () => {
    it('json: who read production, per window, how often and what', async () => {
      const report = await history.ok('GET', '/api/reports/access?start=2024-03-06', undefined, history.actors.mara);
      assert.deepEqual(
        report.rows.map((row: any) => [row.windowStart, row.windowEnd, row.actor, row.environment, row.reads, row.firstAt, row.status]),
        [
          ['2024-03-06T10:00:00.000Z', '2024-03-06T10:15:00.000Z', 'dev', 'production', 3, '2024-03-06T10:00:00.000Z', '200'],
          ['2024-03-06T10:00:00.000Z', '2024-03-06T10:15:00.000Z', 'mara', 'production', 1, '2024-03-06T10:00:00.000Z', '200'],
        ],
      );
      assert.deepEqual(report.rows[0].paths, [
        { method: 'GET', path: '/api/environments/production', reads: 1 },
        { method: 'GET', path: '/api/environments/production/variables', reads: 1 },
        { method: 'GET', path: '/api/releases?environment=production', reads: 1 },
      ]);
      assert.deepEqual(report.rows[1].paths, [{ method: 'GET', path: `/api/releases/${history.releases.prod110}`, reads: 1 }]);
    });

    it('csv and md: the same windows, the paths read in one cell', async () => {
      const { rows } = await csv('/api/reports/access?format=csv&start=2024-03-06&environment=production');
      assert.deepEqual(
        rows.map((row) => [row.actor, row.reads, row.paths]),
        [
          ['dev', '3', 'GET /api/environments/production ×1; GET /api/environments/production/variables ×1; GET /api/releases?environment=production ×1'],
          ['mara', '1', `GET /api/releases/${history.releases.prod110} ×1`],
        ],
      );
      const { body } = await text('/api/reports/access?format=md&start=2024-03-06');
      assert.ok(
        body.includes(
          `| 2024-03-06T10:00:00.000Z | 2024-03-06T10:15:00.000Z | mara | production | 1 | 2024-03-06T10:00:00.000Z | 2024-03-06T10:00:00.000Z | 200 | GET /api/releases/${history.releases.prod110} ×1 |`,
        ),
        body,
      );
      const empty = await text('/api/reports/access?format=md&end=2024-02-01');
      assert.ok(empty.body.includes('_No events in this period._'));
    });
  });

  it('refuses an unknown kind, format or period with 400, and a developer with 403', async () => {
    for (const path of [
      '/api/reports/secrets',
      '/api/reports/access?format=pdf',
      '/api/reports/access?start=2024-02-30',
      '/api/reports/access?start=2024-03-05&end=2024-03-01',
    ]) {
      assert.equal((await history.service.call('GET', path)).status, 400, path);
    }
    assert.equal((await history.service.call('GET', '/api/reports/access', undefined, history.actors.dev.token)).status, 403);
  });
});
