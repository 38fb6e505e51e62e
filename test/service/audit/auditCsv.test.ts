import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { renderAuditCsv } from '../../../server/audit/auditCsv';
import { queryAuditEvents } from '../../../server/audit/queryAuditEvents';
import { append, openTestDatabase, type TestDatabase } from './auditTestDatabase';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('audit CSV export', (engine) => {
  let test: TestDatabase;
  before(async () => {
    test = await openTestDatabase(engine);
    await append(
      test.db,
      { actor: 'alice', action: 'version.created', version: 'v1.0.0', outcome: 'valid', details: { message: 'Release v1.0.0: "claims", intake\nand fraud' } },
      '2024-03-01T10:00:00Z',
    );
    await append(
      test.db,
      {
        actor: 'Zoë, "ops"',
        action: 'deployment.completed',
        environment: 'production',
        version: 'v1.0.0',
        releaseId: 'r-1',
        outcome: 'failed',
        details: { error: 'gateway\r\ntimeout', durationMs: 5000 },
      },
      '2024-03-01T11:00:00Z',
    );
    await append(test.db, { actor: 'bob', action: 'access' }, '2024-03-01T12:00:00Z');
  });
  after(() => test.close());

  it('has the contract header, then the chain hashes, and parses back to the same events', async () => {
    const page = await queryAuditEvents(test.db, {});
    const csv = renderAuditCsv(page.items);
    assert.ok(csv.startsWith('id,seq,at,actor,action,environment,version,releaseId,outcome,details,prevHash,hash\r\n'));
    const records: string[][] = parse(csv);
    assert.deepEqual(records[0], ['id', 'seq', 'at', 'actor', 'action', 'environment', 'version', 'releaseId', 'outcome', 'details', 'prevHash', 'hash']);
    assert.equal(records.length, 1 + page.items.length);
    page.items.forEach((event, index) => {
      const record = records[index + 1] as string[];
      assert.deepEqual(record.slice(0, 9), [
        event.id,
        String(event.seq),
        event.at,
        event.actor,
        event.action,
        event.environment ?? '',
        event.version ?? '',
        event.releaseId ?? '',
        event.outcome ?? '',
      ]);
      assert.deepEqual(JSON.parse(record[9] as string), event.details);
      assert.deepEqual(record.slice(10), [event.prevHash, event.hash]);
    });
  });

  it('keeps commas, quotes and line breaks inside their fields', async () => {
    const csv = renderAuditCsv((await queryAuditEvents(test.db, { action: 'deployment' })).items);
    const rows: string[][] = parse(csv);
    const [, record] = rows;
    assert.equal(record?.[3], 'Zoë, "ops"');
    assert.equal(JSON.parse(record?.[9] ?? '{}').error, 'gateway\r\ntimeout');
  });

  it('renders an empty result as the header alone', () => {
    assert.equal(renderAuditCsv([]), 'id,seq,at,actor,action,environment,version,releaseId,outcome,details,prevHash,hash\r\n');
  });
});
