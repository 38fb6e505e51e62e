import { strict as assert } from 'node:assert';
import { appendAuditEvents } from '../../../server/audit/appendAuditEvent';
import type { AuditEvent } from '../../../core/api/audit';
import type { AuditEventInput } from '../../../server/audit/auditEvent';
import { queryAuditEvents } from '../../../server/audit/queryAuditEvents';
import { DomainError } from '../../../server/errors';
import { append, openTestDatabase, type TestDatabase } from './auditTestDatabase';
import { describeEachEngine } from '../../support/engines';

// A history mixing the seed query's targets with every kind of near miss, in time order.
const history: [string, AuditEventInput][] = [
  ['2024-02-28T23:59:59Z', { actor: 'admin', action: 'deployment.started', environment: 'production', version: 'v1.0.0' }],
  ['2024-02-29T12:00:00Z', { actor: 'admin', action: 'deployment.completed', environment: 'production', version: 'v1.0.0', outcome: 'succeeded' }],
  ['2024-03-01T00:00:00Z', { actor: 'admin', action: 'deployment.started', environment: 'production', version: 'v1.1.0' }],
  ['2024-03-01T00:05:00Z', { actor: 'admin', action: 'deployment.completed', environment: 'production', version: 'v1.1.0', outcome: 'succeeded' }],
  ['2024-03-01T09:00:00Z', { actor: 'maria', action: 'deployment.started', environment: 'staging', version: 'v1.2.0' }],
  ['2024-03-01T09:01:00Z', { actor: 'maria', action: 'deployment.completed', environment: 'staging', version: 'v1.2.0', outcome: 'succeeded' }],
  ['2024-03-02T10:00:00Z', { actor: 'maria', action: 'approval.granted', environment: 'production', version: 'v1.2.0' }],
  ['2024-03-02T11:00:00Z', { actor: 'admin', action: 'access', environment: 'production' }],
  ['2024-03-02T12:00:00Z', { actor: 'admin', action: 'deployments.pruned', environment: 'production' }],
  ['2024-03-02T12:30:00Z', { actor: 'admin', action: 'deploymentx', environment: 'production' }],
  ['2024-03-03T08:00:00Z', { actor: 'admin', action: 'deployment', environment: 'production', version: 'v1.2.0' }],
  ['2024-03-03T08:30:00Z', { actor: 'admin', action: 'rollback.executed', environment: 'production', version: 'v1.1.0' }],
  ['2024-03-04T15:00:00Z', { actor: 'admin', action: 'deployment.started', environment: 'production', version: 'v1.2.0' }],
  ['2024-03-04T15:10:00Z', { actor: 'admin', action: 'deployment.completed', environment: 'production', version: 'v1.2.0', outcome: 'failed' }],
  ['2024-03-05T10:00:00Z', { actor: 'dev', action: 'version.created', version: 'v1.3.0' }],
];

describeEachEngine('audit query', (engine) => {
  let test: TestDatabase;
  let events: AuditEvent[];

  before(async () => {
    test = await openTestDatabase(engine);
    events = [];
    for (const [at, input] of history) events.push(await append(test.db, input, at));
  });
  after(() => test.close());

  const seqs = (page: { items: AuditEvent[] }) => page.items.map((event) => event.seq);
  const expected = (keep: (input: AuditEventInput, at: string) => boolean) => history.flatMap(([at, input], index) => (keep(input, at) ? [index + 1] : []));

  it('answers the seed query with exactly the production deployment events from the date on', async () => {
    const page = await queryAuditEvents(test.db, { action: 'deployment', environment: 'production', start: '2024-03-01' });
    const wanted = expected(
      (input, at) => input.environment === 'production' && (input.action === 'deployment' || input.action.startsWith('deployment.')) && at >= '2024-03-01',
    );
    assert.deepEqual(seqs(page), wanted);
    assert.deepEqual(seqs(page), [3, 4, 11, 13, 14]);
    assert.ok(page.items.every((event) => event.environment === 'production' && event.at >= '2024-03-01T00:00:00.000Z'));
    assert.equal(page.nextCursor, null);
  });

  it('returns events in the API shape', async () => {
    const page = await queryAuditEvents(test.db, { version: 'v1.3.0' });
    assert.deepEqual(page.items, [events[14]]);
    assert.deepEqual(Object.keys(page.items[0] ?? {}).sort(), [
      'action',
      'actor',
      'at',
      'details',
      'environment',
      'hash',
      'id',
      'outcome',
      'prevHash',
      'releaseId',
      'seq',
      'version',
    ]);
  });

  it('matches an exact action and its own children only', async () => {
    assert.deepEqual(seqs(await queryAuditEvents(test.db, { action: 'deployment.completed' })), [2, 4, 6, 14]);
    assert.deepEqual(seqs(await queryAuditEvents(test.db, { action: 'approval' })), [7]);
    assert.deepEqual(seqs(await queryAuditEvents(test.db, { action: 'deploy' })), []);
  });

  it('includes the whole end date, and an end date-time to the millisecond', async () => {
    const days = await queryAuditEvents(test.db, { start: '2024-03-02', end: '2024-03-03' });
    assert.deepEqual(seqs(days), [7, 8, 9, 10, 11, 12]);
    const exact = await queryAuditEvents(test.db, { start: '2024-03-02T11:00:00Z', end: '2024-03-02T12:00:00Z' });
    assert.deepEqual(seqs(exact), [8, 9]);
    const offset = await queryAuditEvents(test.db, { start: '2024-03-02T12:00:00+01:00', end: '2024-03-02T12:00' });
    assert.deepEqual(seqs(offset), [8, 9], 'an offset is honoured and a bare date-time is UTC');
  });

  it('filters by actor and version', async () => {
    assert.deepEqual(seqs(await queryAuditEvents(test.db, { actor: 'maria' })), [5, 6, 7]);
    assert.deepEqual(seqs(await queryAuditEvents(test.db, { actor: 'maria', version: 'v1.2.0', environment: 'production' })), [7]);
  });

  it('pages with limit and cursor, every event exactly once', async () => {
    for (const limit of [1, 2, 4, 14, 15, 16]) {
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await queryAuditEvents(test.db, { limit: String(limit), ...(cursor ? { cursor } : {}) });
        assert.ok(page.items.length <= limit);
        seen.push(...seqs(page));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor);
      assert.deepEqual(
        seen,
        history.map((_, index) => index + 1),
        `limit ${limit}`,
      );
      assert.equal(pages, Math.max(1, Math.ceil(history.length / limit)), `limit ${limit}`);
    }
  });

  it('pages the seed query two at a time', async () => {
    const pages: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = await queryAuditEvents(test.db, { action: 'deployment', environment: 'production', start: '2024-03-01', limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(seqs(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(pages, [[3, 4], [11, 13], [14]]);
  });

  it('pages a filtered query, and a page fetched later sees events appended meanwhile', async () => {
    const first = await queryAuditEvents(test.db, { action: 'deployment', limit: 3 });
    assert.deepEqual(seqs(first), [1, 2, 3]);
    const second = await queryAuditEvents(test.db, { action: 'deployment', limit: 3, cursor: first.nextCursor ?? '' });
    assert.deepEqual(seqs(second), [4, 5, 6]);
    const late = await append(test.db, { actor: 'admin', action: 'deployment.started', environment: 'development' }, '2024-03-01T00:00:00Z');
    let cursor = second.nextCursor;
    const rest: number[] = [];
    while (cursor) {
      const page = await queryAuditEvents(test.db, { action: 'deployment', limit: 3, cursor });
      rest.push(...seqs(page));
      cursor = page.nextCursor;
    }
    assert.deepEqual(rest, [11, 13, 14, late.seq]);
    await test.db.execute({ sql: 'DELETE FROM audit_events WHERE seq = ?', args: [late.seq] });
  });

  it('defaults to 100 per page', async () => {
    await test.db.transaction(async (tx) => {
      await appendAuditEvents(
        tx,
        Array.from({ length: 120 }, () => ({ actor: 'bot', action: 'access', environment: 'qa' })),
        new Date('2024-04-01T00:00:00Z'),
      );
    });
    const page = await queryAuditEvents(test.db, { environment: 'qa' });
    assert.equal(page.items.length, 100);
    assert.notEqual(page.nextCursor, null);
  });

  it('refuses a cursor that names no event with a 400', async () => {
    await assert.rejects(queryAuditEvents(test.db, { cursor: '999999' }), (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.deepEqual([error.status, error.code], [400, 'invalid_cursor']);
      return true;
    });
  });

  for (const [label, input, field] of [
    ['a malformed start date', { start: '2024-13-45' }, 'start'],
    ['a start that is not a date', { start: 'yesterday' }, 'start'],
    ['an impossible calendar day', { end: '2024-02-30' }, 'end'],
    ['a limit over 1000', { limit: '5000' }, 'limit'],
    ['a zero limit', { limit: '0' }, 'limit'],
    ['a cursor that was never issued', { cursor: 'abc' }, 'cursor'],
    ['a start after the end', { start: '2024-03-05', end: '2024-03-01' }, 'end'],
  ] as const) {
    it(`refuses ${label} with a 400 naming the field`, async () => {
      await assert.rejects(queryAuditEvents(test.db, input), (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.status, 400);
        assert.equal(error.code, 'invalid_request');
        assert.match(error.message, new RegExp(`at query\\.${field}:`));
        return true;
      });
    });
  }
});
