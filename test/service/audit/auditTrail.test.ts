import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { AuditEvent } from '../../../core/api/audit';
import { auditDetailsSchemas, type AuditAction } from '../../../server/audit/auditActions';
import { playHistory, secretValues, serverKeyText, signingKeyText, type ScriptedHistory } from './scriptedHistory';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('the audit trail over HTTP', function (engine) {
  this.timeout(180_000);
  let history: ScriptedHistory;
  let log: AuditEvent[];

  /** Every event matching `query`, read over the API as a maintainer (all pages). */
  async function audit(query: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: AuditEvent[]; nextCursor: string | null } = await history.ok(
        'GET',
        `/api/audit?${query}${query ? '&' : ''}limit=20${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        history.actors.mara,
      );
      events.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return events;
  }

  function only(events: AuditEvent[], predicate: (event: AuditEvent) => boolean, what: string): AuditEvent {
    const matching = events.filter(predicate);
    assert.equal(matching.length, 1, `${what}: ${JSON.stringify(matching)}`);
    return matching[0]!;
  }

  before(async () => {
    history = await playHistory(engine);
    log = await audit('');
  });
  after(async () => history.close());

  describe("every action of the seed's Audit Events list, with who, when and what", () => {
    it('version created: who created it, when, which commits and pull requests it includes', async () => {
      const created = only(await audit('action=version.created&version=v1.0.0'), () => true, 'v1.0.0 created');
      assert.equal(created.actor, 'mara');
      assert.equal(created.at, '2024-02-20T09:00:00.000Z');
      assert.equal(created.outcome, 'valid');
      assert.equal(created.details.commit, 'c0ffee1');
      assert.equal(created.details.message, 'Release v1.0.0');
      assert.deepEqual(created.details.changeSets, [{ id: history.changeSetId, name: 'Fraud check' }]);
      assert.deepEqual(created.details.pullRequests, [{ number: 12, title: 'Add fraud check', author: 'dev' }]);
      assert.deepEqual(
        (created.details.changes as { name: string; change: string }[]).map((c) => [c.name, c.change]),
        [['intake', 'workflow "intake" added']],
      );
      const next = only(await audit('action=version.created&version=v1.1.0'), () => true, 'v1.1.0 created');
      assert.equal(next.details.previousVersion, 'v1.0.0');
      assert.equal(next.details.inferredBump, 'patch');
    });

    it('deployment started: who initiated it, the target environment and the version', async () => {
      const started = only(await audit(`action=deployment.started&releaseId=${history.releases.prod110}`), () => true, 'prod v1.1.0 started');
      assert.deepEqual([started.actor, started.environment, started.version, started.at], ['admin', 'production', 'v1.1.0', '2024-03-03T10:00:00.000Z']);
      assert.equal(started.details.previousVersion, 'v1.0.0');
    });

    it('deployment completed: success or failure, duration and the artifacts deployed', async () => {
      const succeeded = only(await audit(`action=deployment.completed&releaseId=${history.releases.prod110}`), () => true, 'prod v1.1.0 completed');
      assert.equal(succeeded.outcome, 'succeeded');
      assert.equal(typeof succeeded.details.durationMs, 'number');
      assert.deepEqual(
        (succeeded.details.artifacts as { kind: string; name: string }[]).map((a) => [a.kind, a.name]),
        [['workflow', 'intake']],
      );
      const failed = only(await audit(`action=deployment.completed&releaseId=${history.releases.devFailed}`), () => true, 'failed dev deploy');
      assert.deepEqual([failed.actor, failed.environment, failed.version, failed.outcome], ['dev', 'development', 'v1.0.0', 'failed']);
      assert.match(String(failed.details.error), /gateway/);
    });

    it('rollback executed: who triggered it, the reason and the version restored', async () => {
      const rollback = only(await audit('action=rollback'), () => true, 'rollback');
      assert.deepEqual(
        [rollback.actor, rollback.environment, rollback.version, rollback.releaseId, rollback.at],
        ['admin', 'production', 'v1.0.0', history.releases.rollback, '2024-03-05T10:00:00.000Z'],
      );
      assert.deepEqual(rollback.details, { reason: 'regression in triage', restoredVersion: 'v1.0.0', fromVersion: 'v1.1.0' });
    });

    it('approval granted and denied: who reviewed, the decision and when', async () => {
      const decisions = await audit('action=approval&environment=production');
      const granted = decisions.filter((e) => e.action === 'approval.granted' && e.releaseId === history.releases.prod110);
      assert.deepEqual(
        granted.map((e) => [e.actor, e.at, e.details.comment, e.outcome]),
        [
          ['mara', '2024-03-03T10:00:00.000Z', 'looks good', 'waiting'],
          ['mo', '2024-03-03T10:00:00.000Z', null, 'approved'],
        ],
      );
      const denied = only(decisions, (e) => e.action === 'approval.denied', 'denial');
      assert.deepEqual(
        [denied.actor, denied.releaseId, denied.version, denied.at, denied.details.comment, denied.outcome],
        ['mo', history.releases.prod120, 'v1.2.0', '2024-03-04T10:00:00.000Z', 'not this week', 'rejected'],
      );
    });
  });

  describe('the other state changes', () => {
    it('users, roles and tokens', () => {
      const mo = only(log, (e) => e.action === 'user.created' && e.details.name === 'mo', 'mo created');
      assert.deepEqual([mo.actor, mo.details.role, mo.details.previousRole, mo.details.userId], ['admin', 'maintainer', null, history.actors.mo.id]);
      const promoted = only(log, (e) => e.action === 'user.updated', 'role change');
      assert.deepEqual([promoted.actor, promoted.details.name, promoted.details.role, promoted.details.previousRole], ['admin', 'mo', 'admin', 'maintainer']);
      const revoked = only(log, (e) => e.action === 'token.revoked', 'revocation');
      assert.deepEqual([revoked.actor, revoked.details.tokenId, revoked.details.name], ['dev', history.revokedToken.id, 'ci']);
      assert.ok(log.some((e) => e.action === 'token.created' && e.details.tokenId === history.revokedToken.id && e.actor === 'dev'));
    });

    it('change sets, checks, environments and variables', () => {
      const changeSet = only(log, (e) => e.action === 'changeset.created', 'change set');
      assert.deepEqual(
        [changeSet.actor, changeSet.details.changeSetId, changeSet.details.pullRequests, changeSet.details.artifacts],
        ['dev', history.changeSetId, [12], ['workflows/intake.json']],
      );
      assert.equal(log.filter((e) => e.action === 'check.reported' && e.outcome === 'success').length, 3);
      const gateways = only(log, (e) => e.action === 'environment.updated' && e.environment === 'development' && e.actor === 'admin', 'development gateways');
      assert.deepEqual(gateways.details, { created: false, fields: ['gateways'] });
      const secrets = log.filter((e) => e.action === 'secret.updated');
      assert.deepEqual(
        secrets.map((e) => [e.actor, e.environment, e.details]),
        [
          ['admin', 'production', { key: 'OPENAI_API_KEY', secret: true }],
          ['admin', 'production', { key: 'DB_PASSWORD', secret: true }],
        ],
      );
      assert.ok(log.some((e) => e.action === 'variable.updated' && e.details.key === 'MODEL'));
      assert.ok(log.some((e) => e.action === 'variable.deleted' && e.details.key === 'MODEL'));
    });

    it('reads of production resources are one access event per user and window, with each path and its count; reads of other environments none', async () => {
      const [reads, ...more] = await audit('action=access&actor=dev');
      assert.deepEqual(more, []);
      assert.deepEqual(
        [reads?.environment, reads?.outcome, reads?.details.reads, reads?.details.window],
        ['production', '200', 3, { start: '2024-03-06T10:00:00.000Z', end: '2024-03-06T10:15:00.000Z' }],
      );
      assert.deepEqual(reads?.details.paths, [
        { method: 'GET', path: '/api/environments/production', reads: 1 },
        { method: 'GET', path: '/api/environments/production/variables', reads: 1 },
        { method: 'GET', path: '/api/releases?environment=production', reads: 1 },
      ]);
      const detail = only(await audit('action=access&actor=mara'), () => true, "mara's read");
      assert.deepEqual(detail.details.paths, [{ method: 'GET', path: `/api/releases/${history.releases.prod110}`, reads: 1 }]);
      assert.ok(!log.some((e) => e.action === 'access' && e.environment !== 'production'));
    });
  });

  it('records every event with the details its action promises in the audit contract', () => {
    const actions = new Set(log.map((event) => event.action));
    assert.ok(actions.size >= 15, [...actions].join(', '));
    for (const event of log) {
      const schema = auditDetailsSchemas[event.action as AuditAction];
      assert.ok(schema, `no contract for ${event.action}`);
      const checked = schema.safeParse(event.details);
      assert.ok(checked.success, `${event.action} #${event.seq}: ${JSON.stringify(event.details)}`);
    }
  });

  it("answers the seed's query verbatim with exactly the production deployment events after the date", async () => {
    const response = await history.service.call('GET', '/api/audit?action=deployment&environment=production&start=2024-03-01');
    assert.equal(response.status, 200);
    const expected = log.filter((e) => e.action.startsWith('deployment.') && e.environment === 'production' && e.at >= '2024-03-01');
    assert.deepEqual(
      response.body.items.map((e: AuditEvent) => e.id),
      expected.map((e) => e.id),
    );
    assert.deepEqual(
      response.body.items.map((e: AuditEvent) => [e.action, e.version]),
      [
        ['deployment.started', 'v1.1.0'],
        ['deployment.completed', 'v1.1.0'],
        ['deployment.started', 'v1.0.0'],
        ['deployment.completed', 'v1.0.0'],
      ],
    );
    // The v1.0.0 production deployment of 2024-02-25 is before the date; staging deployments are another environment.
    assert.ok(log.some((e) => e.action === 'deployment.completed' && e.environment === 'production' && e.at < '2024-03-01'));
    assert.equal(response.body.nextCursor, null);
  });

  it('exports CSV that parses back to the same events', async () => {
    for (const query of ['', 'action=deployment&environment=production&start=2024-03-01', 'action=approval']) {
      const response = await history.service.app.request(`/api/audit?format=csv&limit=1000${query ? `&${query}` : ''}`, {
        headers: { authorization: `Bearer ${history.actors.mara.token}` },
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="forge-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
      const text = await response.text();
      const rows: Record<string, string>[] = parse(text, { columns: true });
      assert.deepEqual(Object.keys(rows[0] ?? {}), [
        'id',
        'seq',
        'at',
        'actor',
        'action',
        'environment',
        'version',
        'releaseId',
        'outcome',
        'details',
        'prevHash',
        'hash',
      ]);
      const json = await audit(query);
      assert.equal(rows.length, json.length, query);
      rows.forEach((row, index) => {
        const event = json[index]!;
        assert.deepEqual(
          [row.id, Number(row.seq), row.at, row.actor, row.action, row.environment || null, row.version || null, row.releaseId || null, row.outcome || null],
          [event.id, event.seq, event.at, event.actor, event.action, event.environment, event.version, event.releaseId, event.outcome],
        );
        assert.deepEqual(JSON.parse(row.details!), event.details);
        assert.deepEqual([row.prevHash, row.hash], [event.prevHash, event.hash]);
      });
    }
  });

  it('reports any edited audit row as the first broken event, and an intact chain again once restored', async () => {
    const db = history.service.deps.db;
    const intact = await history.ok('GET', '/api/audit/verify', undefined, history.actors.mara);
    assert.deepEqual([intact.ok, intact.count, intact.brokenAt], [true, log.length, undefined]);
    const edits = [
      "actor = 'mallory'",
      "action = 'forged.action'",
      "environment = 'forged'",
      "version = 'v9.9.9'",
      "outcome = 'forged'",
      `details = '{"note":"edited"}'`,
      "at = '2024-01-01T00:00:00.000Z'",
      "release_id = 'forged'",
      "prev_hash = '" + 'f'.repeat(64) + "'",
      "hash = '" + 'e'.repeat(64) + "'",
    ];
    for (const [index, event] of log.entries()) {
      const original = (await db.execute({ sql: 'SELECT * FROM audit_events WHERE seq = ?', args: [event.seq] })).rows[0]!;
      const edit = edits[index % edits.length]!;
      await db.execute({ sql: `UPDATE audit_events SET ${edit} WHERE seq = ?`, args: [event.seq] });
      const verdict = await history.ok('GET', '/api/audit/verify', undefined, history.actors.mara);
      assert.equal(verdict.ok, false, `${edit} on seq ${event.seq}`);
      assert.deepEqual([verdict.brokenAt.id, verdict.brokenAt.seq], [event.id, event.seq], `${edit} on seq ${event.seq}`);
      const columns = Object.keys(original).filter((column) => column !== 'seq');
      await db.execute({
        sql: `UPDATE audit_events SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE seq = ?`,
        args: [...columns.map((column) => original[column] ?? null), event.seq],
      });
    }
    const restored = await history.ok('GET', '/api/audit/verify', undefined, history.actors.mara);
    assert.deepEqual([restored.ok, restored.count, restored.brokenAt], [true, log.length, undefined]);
  });

  it('never lets a secret, a token, the server key or the audit signing key reach an audit detail, a response or a log line', async () => {
    const tokens = history.tokens();
    const hashes = tokens.map((token) => createHash('sha256').update(token).digest('hex'));
    const forbidden = [...secretValues, ...tokens, ...hashes, serverKeyText(history), signingKeyText(history)];
    const stored = JSON.stringify((await history.service.deps.db.execute('SELECT * FROM audit_events')).rows);
    const variablesAtRest = JSON.stringify((await history.service.deps.db.execute('SELECT * FROM environment_variables')).rows);
    const places: [string, string[]][] = [
      ['the audit log', [stored]],
      ['the stored variables', [variablesAtRest]],
      // Except the one answer that issues each token (checked in the next test).
      ['a response', history.responses.filter((text) => !issuesToken(text))],
      ['a log line', history.logs],
    ];
    for (const [place, texts] of places) {
      for (const value of forbidden) {
        assert.ok(!texts.some((text) => text.includes(value)), `${value.slice(0, 8)}… appears in ${place}`);
      }
    }
    // The searches above looked at real material: every request was logged, and secrets do reach the gateway.
    assert.ok(history.logs.filter((line) => line.includes('"route":"/api/environments/:name/variables/:key"')).length >= 3);
    assert.ok(history.responses.filter((text) => text.includes('••••••')).length >= 3);
    const activation = history.gateway.received.find((manifest) => manifest.environment === 'production');
    assert.equal(activation?.variables.OPENAI_API_KEY, secretValues[0]);
    assert.equal(activation?.variables.DB_PASSWORD, secretValues[1]);
  });

  it('shows a token only in the one answer that issues it', () => {
    const issued = history.tokens().slice(1);
    for (const token of issued) {
      const answers = history.responses.filter((text) => text.includes(token));
      assert.equal(answers.length, 1);
      assert.ok(issuesToken(answers[0]!));
      assert.deepEqual(Object.keys(JSON.parse(answers[0]!)).sort(), ['createdAt', 'id', 'name', 'token', 'userId']);
    }
  });
});

function issuesToken(text: string): boolean {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && 'token' in body;
  } catch {
    return false;
  }
}
