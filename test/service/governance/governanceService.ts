import assert from 'node:assert/strict';
import type { AuditEvent } from '../../../core/api/audit';
import type { ForgeEvent } from '../../../core/api/event';
import { auditEventFromRow, auditEventSelect } from '../../../server/audit/auditRow';
import { versionBody, workflowUpload, type Upload } from '../support/artifacts';
import type { TestEngine } from '../../support/engines';
import { startTestService, type TestService } from '../support/testService';

/** A service on an injected clock with reviewers of every role, and the helpers the governance tests share. */
export interface GovernanceService extends TestService {
  tokens: { alice: string; bob: string; carol: string; dave: string; erin: string };
  /** The injected clock's time; tests move it forward. */
  now: Date;
  events: ForgeEvent[];
  registerVersion(tag: string, artifacts?: Upload[]): Promise<void>;
  /** Deploys and waits for the release to end; asserts it succeeded. */
  deployed(tag: string, environment: string, token?: string): Promise<void>;
  /** Reports `smoke-tests` success for a version. */
  smokeTested(tag: string): Promise<void>;
  /** Audit events of one action, oldest first, with details parsed. */
  audit(action: string): Promise<(AuditEvent & { details: any })[]>;
}

/**
 * Users: alice and bob are maintainers, carol and erin admins (the admin of the bootstrap token is `admin`),
 * dave a developer. Production keeps its default gates (PRODUCT.md §6).
 */
export async function startGovernanceService(engine: TestEngine, start = '2026-03-02T10:00:00Z'): Promise<GovernanceService> {
  const clock = { now: new Date(start) };
  const service = await startTestService({ engine, clock: () => clock.now });
  const tokens = {
    alice: await service.userToken('alice', 'maintainer'),
    bob: await service.userToken('bob', 'maintainer'),
    carol: await service.userToken('carol', 'admin'),
    dave: await service.userToken('dave', 'developer'),
    erin: await service.userToken('erin', 'admin'),
  };
  const events: ForgeEvent[] = [];
  service.deps.events.subscribe(({ event }) => events.push(event));
  return {
    ...service,
    tokens,
    events,
    get now() {
      return clock.now;
    },
    set now(value: Date) {
      clock.now = value;
    },
    async registerVersion(tag: string, artifacts = [workflowUpload('intake', Number(tag.replace(/\D/g, '')))]) {
      const created = await service.call('POST', '/api/versions', versionBody(tag, artifacts));
      assert.ok([200, 201].includes(created.status), created.text);
    },
    async deployed(tag: string, environment: string, token = service.adminToken) {
      const started = await service.call('POST', '/api/releases', { version: tag, environment }, token);
      assert.equal(started.status, 202, started.text);
      await service.deps.tasks.idle();
      const release = await service.call('GET', `/api/releases/${started.body.id}`);
      assert.equal(release.body.status, 'succeeded', release.text);
    },
    async smokeTested(tag: string) {
      const reported = await service.call('POST', `/api/versions/${tag}/checks`, {
        name: 'smoke-tests',
        status: 'success',
        summary: '42 passed',
        url: 'https://ci.example/1',
      });
      assert.equal(reported.status, 201, reported.text);
    },
    async audit(action: string) {
      const result = await service.deps.db.execute({ sql: `SELECT ${auditEventSelect} FROM audit_events WHERE action = ? ORDER BY seq`, args: [action] });
      return result.rows.map(auditEventFromRow);
    },
  };
}
