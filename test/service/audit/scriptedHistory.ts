import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { flushAccessWindows } from '../../../server/audit/accessWindows';
import { versionBody, workflowUpload } from '../support/artifacts';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import type { TestEngine } from '../../support/engines';
import { startTestService, type TestService } from '../support/testService';

/** A user created over the API and the plaintext of its token. */
export interface Actor {
  id: string;
  name: string;
  token: string;
}

/** The secret values the history writes: none may appear in an audit detail, a response or a log line. */
export const secretValues = ['sk-live-4f1e9c0d7b2a6e8f3c5d', 'pg-pass-Zq81!xK'] as const;

/**
 * A release history driven entirely over HTTP with an injected clock, spanning 2024-02-20 to 2024-03-06: users
 * and tokens, a change set, three versions, deploys through the chain, production approvals (granted and
 * denied), a rollback, a failed deployment, variables and secrets, and reads of production.
 */
export interface ScriptedHistory {
  service: TestService;
  gateway: TestGateway;
  actors: { admin: Actor; mara: Actor; mo: Actor; dev: Actor };
  /** The change set the first version includes. */
  changeSetId: string;
  /** Release ids by name: `prod100`, `prod110`, `prod120` (rejected), `rollback`, `devFailed`. */
  releases: Record<'prod100' | 'prod110' | 'prod120' | 'rollback' | 'devFailed', string>;
  /** A token created and revoked during the history. */
  revokedToken: { id: string; token: string };
  /** Every response body the history received, as text. */
  responses: string[];
  /** Every log line the service wrote, at debug level. */
  logs: string[];
  /** Every token plaintext issued, including the bootstrap admin's. */
  tokens(): string[];
  /** Sends a request as `actor` (default admin), recording the response; fails unless it is 2xx. */
  ok(method: string, path: string, body?: unknown, actor?: Actor): Promise<any>;
  close(): Promise<void>;
}

/** Plays the history (in `dataDir`, kept afterwards, when given); the clock stays at the last step's time afterwards. */
export async function playHistory(engine: TestEngine, dataDir?: string): Promise<ScriptedHistory> {
  let now = new Date('2024-02-20T09:00:00Z');
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const service = await startTestService({ engine, clock: () => now, logger, dataDir });
  const gateway = await startTestGateway();
  const responses: string[] = [];
  const issued: string[] = [service.adminToken];
  const at = (time: string) => void (now = new Date(time));

  async function ok(method: string, path: string, body?: unknown, actor?: Actor): Promise<any> {
    const response = await service.call(method, path, body, actor?.token);
    responses.push(response.text);
    assert.ok(response.status >= 200 && response.status < 300, `${method} ${path} → ${response.status} ${response.text}`);
    return response.body;
  }

  async function actor(name: string, role: string): Promise<Actor> {
    const user = await ok('POST', '/api/users', { name, role });
    const { token } = await ok('POST', `/api/users/${user.id}/tokens`, { name: 'laptop' });
    issued.push(token);
    return { id: user.id, name, token };
  }

  async function settled(releaseId: string, status: 'succeeded' | 'failed'): Promise<void> {
    await service.deps.tasks.idle();
    const release = await ok('GET', `/api/releases/${releaseId}`);
    assert.equal(release.status, status, `release ${releaseId} (${release.environment} ${release.version}): ${release.reason}`);
  }

  async function deploy(version: string, environment: string, by: Actor): Promise<string> {
    const release = await ok('POST', '/api/releases', { version, environment }, by);
    return release.id;
  }

  async function registered(tag: string, revision: number, by: Actor, changeSets: string[] = []): Promise<void> {
    await ok('POST', '/api/versions', { ...versionBody(tag, [workflowUpload('intake', revision)], `c0ffee${revision}`), message: `Release ${tag}`, changeSets }, by);
    await ok('POST', `/api/versions/${tag}/checks`, { name: 'smoke-tests', status: 'success', summary: '12 passed' }, by);
  }

  const me = await ok('GET', '/api/me');
  const admin: Actor = { id: me.id, name: me.name, token: service.adminToken };
  const mara = await actor('mara', 'maintainer');
  const mo = await actor('mo', 'maintainer');
  const dev = await actor('dev', 'developer');
  await ok('PUT', '/api/environments/production', { gateways: [gateway.url] });
  await ok('PUT', '/api/environments/production/variables/OPENAI_API_KEY', { value: secretValues[0], secret: true });
  await ok('PUT', '/api/environments/production/variables/DB_PASSWORD', { value: secretValues[1], secret: true });
  await ok('PUT', '/api/environments/production/variables/MODEL', { value: 'gpt-4o' });

  const changeSet = await ok(
    'POST',
    '/api/changesets',
    {
      name: 'Fraud check',
      pullRequests: [{ number: 12, title: 'Add fraud check', author: 'dev', mergeCommit: 'abc1234' }],
      artifacts: ['workflows/intake.json'],
    },
    dev,
  );
  await registered('v1.0.0', 1, mara, [changeSet.id]);
  await settled(await deploy('v1.0.0', 'development', dev), 'succeeded');
  await settled(await deploy('v1.0.0', 'staging', mara), 'succeeded');

  /** A production deploy that mara, then mo, approve. */
  async function approvedInProduction(version: string, comment?: string): Promise<string> {
    const releaseId = await deploy(version, 'production', admin);
    await ok('POST', `/api/releases/${releaseId}/approvals`, { decision: 'approve', ...(comment ? { comment } : {}) }, mara);
    await ok('POST', `/api/releases/${releaseId}/approvals`, { decision: 'approve' }, mo);
    await settled(releaseId, 'succeeded');
    return releaseId;
  }

  at('2024-02-25T10:00:00Z');
  const prod100 = await approvedInProduction('v1.0.0');

  at('2024-03-02T09:00:00Z');
  await registered('v1.1.0', 2, mara);
  await settled(await deploy('v1.1.0', 'development', dev), 'succeeded');
  await settled(await deploy('v1.1.0', 'staging', mara), 'succeeded');

  at('2024-03-03T10:00:00Z');
  const prod110 = await approvedInProduction('v1.1.0', 'looks good');

  at('2024-03-04T10:00:00Z');
  await registered('v1.2.0', 3, mara);
  await settled(await deploy('v1.2.0', 'development', dev), 'succeeded');
  await settled(await deploy('v1.2.0', 'staging', mara), 'succeeded');
  const prod120 = await deploy('v1.2.0', 'production', admin);
  await ok('POST', `/api/releases/${prod120}/approvals`, { decision: 'reject', comment: 'not this week' }, mo);
  await settled(prod120, 'failed');

  at('2024-03-05T10:00:00Z');
  const rollback = (await ok('POST', '/api/environments/production/rollback', { reason: 'regression in triage' })).id;
  await settled(rollback, 'succeeded');

  at('2024-03-06T10:00:00Z');
  await ok('PUT', '/api/environments/development', { gateways: [gateway.url] });
  gateway.enqueue({ kind: 'fail', status: 500 });
  const devFailed = await deploy('v1.0.0', 'development', dev);
  await settled(devFailed, 'failed');

  const spare = await ok('POST', `/api/users/${dev.id}/tokens`, { name: 'ci' }, dev);
  issued.push(spare.token);
  await ok('DELETE', `/api/tokens/${spare.id}`, undefined, dev);
  await ok('PATCH', `/api/users/${mo.id}`, { role: 'admin' });
  await ok('DELETE', '/api/environments/production/variables/MODEL');

  await ok('GET', '/api/environments/production', undefined, dev);
  await ok('GET', '/api/environments/production/variables', undefined, dev);
  await ok('GET', '/api/releases?environment=production', undefined, dev);
  await ok('GET', `/api/releases/${prod110}`, undefined, mara);
  await ok('GET', '/api/environments/staging', undefined, dev);
  await ok('GET', '/api/environments/staging/variables', undefined, dev);
  // The reads' access window closes; the keeper would then write its events.
  await flushAccessWindows(service.deps.db, new Date(now.getTime() + 20 * 60_000));

  return {
    service,
    gateway,
    actors: { admin, mara, mo, dev },
    changeSetId: changeSet.id,
    releases: { prod100, prod110, prod120, rollback, devFailed },
    revokedToken: { id: spare.id, token: spare.token },
    responses,
    logs,
    tokens: () => [...issued],
    ok,
    async close() {
      await service.close();
      await gateway.close();
    },
  };
}

/** The server key file of the history's data directory (base64), which must never leave it either. */
export function serverKeyText(history: ScriptedHistory): string {
  return readFileSync(join(history.service.dataDir, 'secret.key'), 'utf8').trim();
}

/** The body of the audit signing key's PEM (its base64 lines), which must never leave the key file. */
export function signingKeyText(history: ScriptedHistory): string {
  return readFileSync(join(history.service.dataDir, 'audit-signing.key'), 'utf8').split('\n').slice(1, -2).join('');
}
