import assert from 'node:assert/strict';
import { flushAccessWindows } from '../../../server/audit/accessWindows';
import { startTestService, type TestService } from '../support/testService';
import { describeEachEngine } from '../../support/engines';

interface AccessEvent {
  actor: string;
  environment: string;
  at: string;
  details: { window: { start: string; end: string }; reads: number; firstAt: string; lastAt: string; paths: { method: string; path: string; reads: number }[] };
}

describeEachEngine('access events for reads of production-tier environments', (engine) => {
  let service: TestService;
  let reader: string;
  const now = new Date('2026-03-02T09:00:00Z');

  before(async () => {
    service = await startTestService({ engine, clock: () => now });
    reader = await service.userToken('reader', 'developer');
    assert.equal((await service.call('PUT', '/api/environments/prod-eu', { tier: 'production' })).status, 201);
    assert.equal((await service.call('PUT', '/api/environments/qa', { tier: 'staging' })).status, 201);
  });
  after(async () => service.close());

  async function accessEvents(actor: string): Promise<AccessEvent[]> {
    return (await service.call('GET', `/api/audit?action=access&actor=${actor}&limit=1000`)).body.items;
  }

  it('follows the tier, not the name, ignores refused reads and the overview, and writes a window once it has closed', async () => {
    for (const path of [
      '/api/environments/prod-eu',
      '/api/environments/qa',
      '/api/environments/prod-eu/variables',
      '/api/environments/qa/variables',
      '/api/environments',
      '/api/environments/missing',
      '/api/releases?environment=qa',
      '/api/environments/prod-eu',
    ]) {
      await service.call('GET', path, undefined, reader);
    }
    assert.equal(await flushAccessWindows(service.deps.db, new Date('2026-03-02T09:15:59Z')), 0, 'the window closed less than a minute ago');
    assert.deepEqual(await accessEvents('reader'), []);
    assert.equal(await flushAccessWindows(service.deps.db, new Date('2026-03-02T09:16:00Z')), 1);
    const [event, ...more] = await accessEvents('reader');
    assert.deepEqual(more, []);
    assert.deepEqual(
      [event?.environment, event?.details.window, event?.details.reads, event?.details.firstAt, event?.details.lastAt],
      ['prod-eu', { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:15:00.000Z' }, 3, now.toISOString(), now.toISOString()],
    );
    assert.deepEqual(event?.details.paths, [
      { method: 'GET', path: '/api/environments/prod-eu', reads: 2 },
      { method: 'GET', path: '/api/environments/prod-eu/variables', reads: 1 },
    ]);
    assert.equal(await flushAccessWindows(service.deps.db, new Date('2026-03-02T10:00:00Z')), 0, 'a window is written once');
  });

  it('records nothing for a token that is refused', async () => {
    assert.equal((await service.call('GET', '/api/environments/prod-eu', undefined, 'forge_' + 'x'.repeat(43))).status, 401);
    assert.equal(Number((await service.deps.db.execute('SELECT COUNT(*) AS n FROM access_tallies')).rows[0]?.n), 0);
  });
});

describeEachEngine('50 clients polling production for 10 minutes, on two replicas', function (engine) {
  this.timeout(600_000);
  const users = 10;
  const clientsPerUser = 5;
  const seconds = 600;
  const paths = ['/api/environments/production', '/api/environments/production/variables', '/api/environments/prod-eu'];

  it('gives at most one access event per user, environment and window, counting every read', async () => {
    // 10:07 to 10:17: the ten minutes span two 15-minute windows.
    let now = new Date('2026-03-02T10:07:00Z');
    const first = await startTestService({ engine, clock: () => now });
    const second = await startTestService({ engine, clock: () => now, databaseUrl: first.databaseUrl });
    try {
      await first.call('PUT', '/api/environments/prod-eu', { tier: 'production' });
      const tokens = await Promise.all(Array.from({ length: users }, (_, index) => first.userToken(`viewer-${index}`, 'developer')));
      const expected = new Map<string, number>();
      for (let second_ = 0; second_ < seconds; second_ += 1) {
        now = new Date(Date.parse('2026-03-02T10:07:00Z') + second_ * 1000);
        const window = now.getTime() < Date.parse('2026-03-02T10:15:00Z') ? '10:00' : '10:15';
        await Promise.all(
          Array.from({ length: users * clientsPerUser }, async (_, client) => {
            const user = client % users;
            const path = paths[client % paths.length] as string;
            const replica = client % 2 === 0 ? first : second;
            const answer = await replica.call('GET', path, undefined, tokens[user]);
            assert.equal(answer.status, 200, answer.text);
            const environment = path.includes('prod-eu') ? 'prod-eu' : 'production';
            const key = `viewer-${user} ${environment} ${window}`;
            expected.set(key, (expected.get(key) ?? 0) + 1);
          }),
        );
      }
      // Both replicas' keepers run at once, twice: each window is written by one of them, once.
      const later = new Date('2026-03-02T10:40:00Z');
      const written = await Promise.all([flushAccessWindows(first.deps.db, later), flushAccessWindows(second.deps.db, later)]);
      assert.deepEqual(await Promise.all([flushAccessWindows(first.deps.db, later), flushAccessWindows(second.deps.db, later)]), [0, 0]);
      const events: AccessEvent[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: AccessEvent[]; nextCursor: string | null } = (
          await first.call('GET', `/api/audit?action=access&limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
        ).body;
        events.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(written[0] + written[1], events.length);
      assert.equal(events.length, expected.size, 'one event per user, environment and window');
      const counted = new Map(events.map((event) => [`${event.actor} ${event.environment} ${event.details.window.start.slice(11, 16)}`, event.details.reads]));
      assert.equal(counted.size, events.length, 'no user, environment and window twice');
      assert.deepEqual([...counted].sort(), [...expected].sort());
      assert.equal(
        [...counted.values()].reduce((a, b) => a + b, 0),
        users * clientsPerUser * seconds,
      );
      for (const event of events) {
        assert.equal(
          event.details.paths.reduce((sum, path) => sum + path.reads, 0),
          event.details.reads,
        );
        assert.ok(event.details.firstAt >= event.details.window.start && event.details.lastAt < event.details.window.end);
      }
      const chain = (await first.call('GET', '/api/audit/verify')).body;
      assert.equal(chain.ok, true);
      // 30,000 reads, and the audit log grew by a few dozen events.
      assert.ok(chain.count < 100, String(chain.count));
    } finally {
      await second.close();
      await first.close();
    }
  });
});
