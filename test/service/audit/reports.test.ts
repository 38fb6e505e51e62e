import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { auditEventInput } from '../../../server/audit/auditActions';
import { auditChainHead } from '../../../server/audit/auditChainHead';
import { buildReport } from '../../../server/audit/reports/buildReport';
import type { ChangelogEntry } from '../../../server/audit/reports/changelogReport';
import type { DeploymentEntry } from '../../../server/audit/reports/deploymentsReport';
import type { AccessEntry } from '../../../server/audit/reports/accessReport';
import { renderReport } from '../../../server/audit/reports/renderReport';
import { DomainError } from '../../../server/errors';
import { append, openTestDatabase, type TestDatabase } from './auditTestDatabase';
import { appendReportHistory } from './reportHistory';
import { describeEachEngine } from '../../support/engines';

const march = { start: '2024-03-01', end: '2024-03-31' };
const now = new Date('2024-04-03T08:00:00Z');

describeEachEngine('compliance reports', (engine) => {
  let test: TestDatabase;
  before(async () => {
    test = await openTestDatabase(engine);
    await appendReportHistory(test.db);
  });
  after(() => test.close());

  describe('deployment history', () => {
    it('lists production runs started in the period with who, what, outcome and duration', async () => {
      const report = await buildReport(test.db, 'deployments', { ...march, environment: 'production' }, now);
      const rows = report.rows as DeploymentEntry[];
      assert.deepEqual(
        rows.map((row) => [row.releaseId, row.version, row.kind, row.requestedBy, row.outcome, row.durationMs, row.error]),
        [
          ['r-p1', 'v1.1.0', 'deploy', 'admin', 'failed', 4000, 'gateway http://gw-2 timed out'],
          ['r-p2', 'v1.0.0', 'rollback', 'admin', 'succeeded', 300, null],
        ],
      );
      assert.deepEqual([rows[0]?.startedAt, rows[0]?.finishedAt], ['2024-03-02T11:00:01.000Z', '2024-03-02T11:00:05.000Z']);
      assert.equal(rows[1]?.previousVersion, 'v0.9.0');
    });

    it('covers every environment without a filter, and a run that finished after the period', async () => {
      const rows = (await buildReport(test.db, 'deployments', march, now)).rows as DeploymentEntry[];
      assert.deepEqual(
        rows.map((row) => row.releaseId),
        ['r-s1', 'r-p1', 'r-d1', 'r-p2', 'r-s2'],
      );
      const late = rows.find((row) => row.releaseId === 'r-s2');
      assert.deepEqual([late?.finishedAt, late?.outcome, late?.durationMs], ['2024-04-01T00:01:00.000Z', 'succeeded', 120000]);
    });

    it('shows a run still going as in-progress', async () => {
      const rows = (await buildReport(test.db, 'deployments', { start: '2024-04-02' }, now)).rows as DeploymentEntry[];
      assert.deepEqual(
        rows.map((row) => [row.releaseId, row.outcome, row.finishedAt]),
        [['r-p4', 'in-progress', null]],
      );
    });
  });

  describe('access log', () => {
    it('lists who read production in the period, per window, with the reads and paths', async () => {
      const rows = (await buildReport(test.db, 'access', { ...march, environment: 'production' }, now)).rows as AccessEntry[];
      assert.deepEqual(rows, [
        {
          windowStart: '2024-03-02T12:00:00.000Z',
          windowEnd: '2024-03-02T12:15:00.000Z',
          actor: 'auditor',
          environment: 'production',
          reads: 2,
          firstAt: '2024-03-02T12:00:00.000Z',
          lastAt: '2024-03-02T12:00:00.000Z',
          status: '200',
          paths: [{ method: 'GET', path: '/api/environments/production', reads: 2 }],
          morePaths: 0,
        },
        {
          windowStart: '2024-03-05T08:00:00.000Z',
          windowEnd: '2024-03-05T08:15:00.000Z',
          actor: 'maria',
          environment: 'production',
          reads: 2,
          firstAt: '2024-03-05T08:00:00.000Z',
          lastAt: '2024-03-05T08:00:00.000Z',
          status: '200',
          paths: [{ method: 'GET', path: '/api/releases?environment=production', reads: 2 }],
          morePaths: 0,
        },
      ]);
    });

    it('reads an access event written before windows as one read', async () => {
      const legacy = await openTestDatabase(engine);
      try {
        await append(
          legacy.db,
          { actor: 'old', action: 'access', environment: 'production', outcome: '200', details: { method: 'GET', path: '/api/environments/production' } },
          '2024-03-10T09:00:00Z',
        );
        const [row] = (await buildReport(legacy.db, 'access', march, now)).rows as AccessEntry[];
        assert.deepEqual(
          [row?.windowStart, row?.windowEnd, row?.reads, row?.paths],
          ['2024-03-10T09:00:00.000Z', '2024-03-10T09:00:00.000Z', 1, [{ method: 'GET', path: '/api/environments/production', reads: 1 }]],
        );
      } finally {
        await legacy.close();
      }
    });

    it('keeps a window written after the period ends, and leaves out one whose reads all came before it', async () => {
      const rows = (await buildReport(test.db, 'access', { start: '2024-03-05T08:00:30Z', end: '2024-03-05T08:05:00Z' }, now)).rows as AccessEntry[];
      assert.deepEqual(
        rows.map((row) => [row.actor, row.environment, row.firstAt]),
        [['maria', 'staging', '2024-03-05T08:01:00.000Z']],
      );
    });

    it('keeps a window that began before the period when its reads reach into it', async () => {
      const window = await openTestDatabase(engine);
      try {
        const details = {
          window: { start: '2024-03-10T09:00:00.000Z', end: '2024-03-10T09:15:00.000Z' },
          reads: 9,
          firstAt: '2024-03-10T09:00:00.000Z',
          lastAt: '2024-03-10T09:10:00.000Z',
          paths: [{ method: 'GET', path: '/api/environments/production', reads: 9 }],
          morePaths: 0,
        };
        await append(window.db, auditEventInput({ actor: 'poller', action: 'access', environment: 'production', outcome: '200', details }), '2024-03-10T09:16:00Z');
        const within = (await buildReport(window.db, 'access', { start: '2024-03-10T09:05:00Z' }, now)).rows as AccessEntry[];
        assert.deepEqual(
          within.map((row) => [row.actor, row.reads]),
          [['poller', 9]],
        );
        assert.deepEqual((await buildReport(window.db, 'access', { start: '2024-03-10T09:11:00Z' }, now)).rows, []);
      } finally {
        await window.close();
      }
    });
  });

  describe('change log', () => {
    it('lists the versions created in the period with changes, pull requests and the approval chain', async () => {
      const rows = (await buildReport(test.db, 'changelog', march, now)).rows as ChangelogEntry[];
      assert.deepEqual(
        rows.map((row) => row.version),
        ['v1.1.0', 'v1.2.0'],
      );
      const [v110, v120] = rows as [ChangelogEntry, ChangelogEntry];
      assert.equal(v110.createdBy, 'maria');
      assert.equal(v110.commit, 'c0ffeev110');
      assert.deepEqual(
        v110.changes.map((change) => [change.name, change.change, change.bump]),
        [
          ['claims-intake', 'node added', 'minor'],
          ['triage', 'prompt changed, "shorter", clearer', 'minor'],
        ],
      );
      assert.deepEqual(
        v110.pullRequests.map((pr) => pr.number),
        [12, 13],
      );
      assert.deepEqual(v110.changeSets, [{ id: 'cs-v1.1.0', name: 'Changes for v1.1.0' }]);
      assert.deepEqual(
        v110.approvals.map((step) => [step.step, step.actor, step.at, step.comment, step.count]),
        [
          ['requested', 'admin', '2024-03-02T09:00:00.000Z', null, null],
          ['granted', 'maria', '2024-03-02T10:00:00.000Z', 'looks good', 1],
          ['granted', 'mark', '2024-03-02T11:00:00.000Z', null, 2],
        ],
      );
      assert.deepEqual(
        v120.approvals.map((step) => [step.step, step.actor, step.comment]),
        [
          ['requested', 'admin', null],
          ['denied', 'mark', 'breaks | invoices'],
        ],
      );
      assert.ok(rows.every((row) => row.detailsComplete));
    });

    it('with an environment, lists the versions that went there', async () => {
      const versions = async (environment: string) =>
        ((await buildReport(test.db, 'changelog', { ...march, environment }, now)).rows as ChangelogEntry[]).map((row) => row.version);
      assert.deepEqual(await versions('production'), ['v1.1.0', 'v1.2.0']);
      assert.deepEqual(await versions('development'), ['v1.2.0']);
      assert.deepEqual(await versions('staging'), ['v1.1.0', 'v1.2.0']);
      const development = (await buildReport(test.db, 'changelog', { ...march, environment: 'development' }, now)).rows as ChangelogEntry[];
      assert.deepEqual(development[0]?.approvals, [], 'production approvals are not development’s');
    });
  });

  it('states its period, generation time and the chain head it covers', async () => {
    const head = await auditChainHead(test.db);
    const report = await buildReport(test.db, 'access', march, now);
    assert.deepEqual(report.period, { start: '2024-03-01T00:00:00.000Z', end: '2024-04-01T00:00:00.000Z' });
    assert.equal(report.generatedAt, '2024-04-03T08:00:00.000Z');
    assert.deepEqual(report.chainHead, { seq: head?.seq, hash: head?.hash });
    assert.equal(report.environment, null);
  });

  it('refuses a malformed period with a 400', async () => {
    await assert.rejects(buildReport(test.db, 'access', { start: 'last week' }, now), (error: unknown) => error instanceof DomainError && error.status === 400);
    await assert.rejects(
      buildReport(test.db, 'access', { start: '2024-03-31', end: '2024-03-01' }, now),
      (error: unknown) => error instanceof DomainError && error.status === 400,
    );
  });

  describe('formats', () => {
    it('json: the report without its flat table', async () => {
      const report = await buildReport(test.db, 'deployments', { ...march, environment: 'production' }, now);
      const rendered = renderReport(report, 'json');
      assert.equal(rendered.contentType, 'application/json');
      const body = JSON.parse(rendered.body);
      const { table, ...rest } = report;
      assert.ok(table.lines.length > 0);
      assert.deepEqual(body, JSON.parse(JSON.stringify(rest)));
    });

    it('csv: a plain RFC 4180 table, a header line then the rows; the statements stay in the JSON and Markdown forms', async () => {
      const report = await buildReport(test.db, 'deployments', { ...march, environment: 'production' }, now);
      const rendered = renderReport(report, 'csv');
      assert.equal(rendered.contentType, 'text/csv; charset=utf-8');
      assert.equal(rendered.fileName, 'forge-deployments-production-2024-04-03.csv');
      assert.ok(rendered.body.startsWith('startedAt,'), rendered.body);
      assert.doesNotMatch(rendered.body, /Audit chain head|Generated at/);
      // No comment option: every line is a record with as many fields as the header.
      const records: string[][] = parse(rendered.body);
      assert.deepEqual(records[0], [
        'startedAt',
        'finishedAt',
        'environment',
        'version',
        'kind',
        'requestedBy',
        'outcome',
        'durationMs',
        'previousVersion',
        'artifactCount',
        'error',
        'releaseId',
      ]);
      assert.deepEqual(
        records.slice(1).map((record) => [record[3], record[6], record[7], record[11]]),
        [
          ['v1.1.0', 'failed', '4000', 'r-p1'],
          ['v1.0.0', 'succeeded', '300', 'r-p2'],
        ],
      );
      assert.equal(renderReport(report, 'md').fileName, 'forge-deployments-production-2024-04-03.md');
    });

    it('csv: a change log has one line per artifact change, quoting commas and quotes', async () => {
      const report = await buildReport(test.db, 'changelog', march, now);
      const records: string[][] = parse(renderReport(report, 'csv').body);
      const header = records[0] as string[];
      const column = (name: string) => header.indexOf(name);
      const lines = records.slice(1);
      assert.deepEqual(
        lines.map((line) => [line[column('version')], line[column('name')]]),
        [
          ['v1.1.0', 'claims-intake'],
          ['v1.1.0', 'triage'],
          ['v1.2.0', ''],
        ],
      );
      assert.equal(lines[1]?.[column('change')], 'prompt changed, "shorter", clearer');
      assert.match(lines[0]?.[column('approvalChain')] ?? '', /granted by maria for production \(1\/2\): looks good; .*granted by mark/);
      assert.match(lines[0]?.[column('pullRequests')] ?? '', /#13 Fix \| pipe, "quotes" \(dev2\)/);
    });

    it('md: a heading, the statements and one table with escaped cells', async () => {
      const report = await buildReport(test.db, 'changelog', { ...march, environment: 'production' }, now);
      const rendered = renderReport(report, 'md');
      assert.equal(rendered.contentType, 'text/markdown; charset=utf-8');
      const lines = rendered.body.split('\n');
      assert.equal(lines[0], '# Change log');
      assert.ok(lines.includes(`- **Audit chain head:** seq ${report.chainHead?.seq}, hash ${report.chainHead?.hash}`));
      assert.ok(lines.includes('- **Environment:** production'));
      const tableRows = lines.filter((line) => line.startsWith('| '));
      assert.equal(tableRows.length, 2 + report.table.lines.length);
      const denied = tableRows.find((line) => line.startsWith('| v1.2.0 '));
      assert.match(denied ?? '', /denied by mark for production \(0\/2\): breaks \\\| invoices/);
      // Every row has as many unescaped separators as the header.
      const separators = (line: string) => line.replace(/\\\|/g, '').split('|').length;
      assert.ok(tableRows.every((line) => separators(line) === separators(tableRows[0] as string)));
    });

    it('md: says so when the period has no events', async () => {
      const report = await buildReport(test.db, 'access', { start: '2023-01-01', end: '2023-01-31' }, now);
      assert.deepEqual(report.rows, []);
      assert.match(renderReport(report, 'md').body, /_No events in this period\._/);
    });
  });

  it('reads what it can from events whose details miss or mistype contract fields', async () => {
    const partial = await openTestDatabase(engine);
    try {
      await append(
        partial.db,
        { actor: 'maria', action: 'version.created', version: 'v2.0.0', outcome: 'valid', details: { commit: 'abc1234', changeSets: ['cs-1'], artifacts: 5 } },
        '2024-05-01T10:00:00Z',
      );
      await append(
        partial.db,
        { actor: 'admin', action: 'deployment.started', environment: 'production', version: 'v2.0.0', releaseId: 'r-9', details: { kind: 'deploy' } },
        '2024-05-01T11:00:00Z',
      );
      await append(
        partial.db,
        {
          actor: 'admin',
          action: 'deployment.completed',
          environment: 'production',
          version: 'v2.0.0',
          releaseId: 'r-9',
          outcome: 'failed',
          details: { kind: 'deploy', durationMs: 1234, reason: 'gateway down' },
        },
        '2024-05-01T11:00:01Z',
      );
      const [version] = (await buildReport(partial.db, 'changelog', {}, now)).rows as ChangelogEntry[];
      assert.deepEqual([version?.version, version?.commit, version?.changeSets, version?.detailsComplete], ['v2.0.0', 'abc1234', [], false]);
      const [deployment] = (await buildReport(partial.db, 'deployments', {}, now)).rows as DeploymentEntry[];
      assert.deepEqual([deployment?.outcome, deployment?.durationMs, deployment?.artifactCount, deployment?.kind], ['failed', 1234, null, 'deploy']);
    } finally {
      await partial.close();
    }
  });

  it('an empty audit log gives an empty report with no chain head', async () => {
    const empty = await openTestDatabase(engine);
    try {
      const report = await buildReport(empty.db, 'deployments', {}, now);
      assert.deepEqual([report.rows, report.chainHead, report.period], [[], null, { start: null, end: null }]);
      assert.match(renderReport(report, 'md').body, /- \*\*Audit chain head:\*\* empty audit log/);
    } finally {
      await empty.close();
    }
  });

  it('a newer report covers newer events and names the newer head', async () => {
    const before = await buildReport(test.db, 'access', { start: '2024-04-01' }, now);
    await append(
      test.db,
      { actor: 'late', action: 'access', environment: 'production', outcome: '200', details: { method: 'GET', path: '/api/audit' } },
      '2024-04-05T00:00:00Z',
    );
    const after = await buildReport(test.db, 'access', { start: '2024-04-01' }, now);
    assert.equal(after.rows.length, before.rows.length + 1);
    assert.equal(after.chainHead?.seq, (before.chainHead?.seq ?? 0) + 1);
  });
});
