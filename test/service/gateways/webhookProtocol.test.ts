import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describeEachEngine } from '../../support/engines';
import { versionBody, workflowUpload } from '../support/artifacts';
import { capturedLogs } from '../support/capturedLogs';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { startTestService, type TestService } from '../support/testService';

const secret = 'hook-secret-5d1e9a';

/** What a receiver does to check an activation: recompute the HMAC of the raw body and compare in constant time. */
function verifies(body: string, header: string | undefined, key: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', key).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describeEachEngine('the webhook activation protocol', (engine) => {
  let service: TestService;
  let gateway: TestGateway;
  let logs: string[];

  beforeEach(async () => {
    const captured = capturedLogs();
    logs = captured.lines;
    service = await startTestService({ engine, gatewayTimeoutMs: 300, logger: captured.logger });
    gateway = await startTestGateway();
    for (const [tag, revision] of [
      ['v1.0.0', 1],
      ['v1.1.0', 2],
    ] as const) {
      assert.equal((await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', revision)]))).status, 201);
    }
    assert.equal((await service.call('PUT', '/api/environments/development/variables/REGION', { value: 'eu-west-1' })).status, 200);
  });

  afterEach(async () => {
    await service.close();
    await gateway.close();
  });

  async function deploy(path: string, body: unknown) {
    const started = await service.call('POST', path, body);
    assert.equal(started.status, 202, started.text);
    await service.deps.tasks.idle();
    return (await service.call('GET', `/api/releases/${started.body.id}`)).body;
  }

  it('signs the body with X-Forge-Signature when the gateway names a secret, which the manifest does not carry', async () => {
    assert.equal((await service.call('PUT', '/api/environments/development/variables/HOOK_SECRET', { value: secret, secret: true })).status, 200);
    const put = await service.call('PUT', '/api/environments/development', { gateways: [{ type: 'webhook', url: gateway.url, secretVariable: 'HOOK_SECRET' }] });
    assert.equal(put.status, 200, put.text);
    const release = await deploy('/api/releases', { version: 'v1.0.0', environment: 'development' });
    assert.equal(release.status, 'succeeded', release.reason);
    const [raw] = gateway.raw;
    assert.match(raw!.signature ?? '', /^sha256=[0-9a-f]{64}$/);
    assert.ok(verifies(raw!.body, raw!.signature, secret), 'the signature does not verify');
    assert.ok(!verifies(raw!.body.replace('v1.0.0', 'v1.1.0'), raw!.signature, secret), 'a changed body still verifies');
    assert.deepEqual(gateway.received[0]!.variables, { REGION: 'eu-west-1' });
    const audit = await service.call('GET', '/api/audit?limit=500');
    for (const [what, text] of [
      ['environment', put.text],
      ['release', JSON.stringify(release)],
      ['audit', audit.text],
      ['logs', logs.join('')],
    ] as const) {
      assert.ok(!text.includes(secret), `the secret appears in the ${what}`);
    }
  });

  it('sends no signature to a gateway without a secret, and fails a release whose secret variable is not set', async () => {
    assert.equal((await service.call('PUT', '/api/environments/development', { gateways: [gateway.url] })).status, 200);
    assert.equal((await deploy('/api/releases', { version: 'v1.0.0', environment: 'development' })).status, 'succeeded');
    assert.equal(gateway.raw[0]!.signature, undefined);
    assert.equal(
      (await service.call('PUT', '/api/environments/development', { gateways: [{ type: 'webhook', url: gateway.url, secretVariable: 'HOOK_SECRET' }] })).status,
      200,
    );
    const failed = await deploy('/api/releases', { version: 'v1.1.0', environment: 'development' });
    assert.equal(failed.status, 'failed');
    assert.match(failed.reason, /the variable HOOK_SECRET it names \(secretVariable\) is not set/);
    assert.equal(gateway.received.length, 1);
  });

  it('numbers every activation of the environment in order, so a receiver can tell an older one and ignore it', async () => {
    assert.equal((await service.call('PUT', '/api/environments/development', { gateways: [gateway.url] })).status, 200);
    const first = await deploy('/api/releases', { version: 'v1.0.0', environment: 'development' });
    gateway.enqueue({ kind: 'hang' });
    const failed = await deploy('/api/releases', { version: 'v1.1.0', environment: 'development' });
    assert.equal(failed.status, 'failed');
    const second = await deploy('/api/releases', { version: 'v1.1.0', environment: 'development' });
    const rollback = await deploy('/api/environments/development/rollback', { reason: 'back' });
    assert.equal(rollback.status, 'succeeded');
    const sequences = gateway.received.map((m) => m.sequence);
    assert.deepEqual(
      gateway.received.map((m) => [m.version, m.releaseId]),
      [
        ['v1.0.0', first.id],
        ['v1.1.0', failed.id],
        ['v1.0.0', first.id],
        ['v1.1.0', second.id],
        ['v1.0.0', rollback.id],
      ],
    );
    assert.deepEqual(
      sequences,
      [...sequences].sort((a, b) => a - b),
    );
    assert.equal(new Set(sequences).size, sequences.length);
    // An old activation delivered again (a retry, a replay) is older than what the receiver applied: it can tell.
    const replay = await fetch(`${gateway.url}/forge/activate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gateway.raw[1]!.body });
    assert.equal(replay.status, 200);
    assert.deepEqual(
      gateway.stale.map((m) => [m.version, m.sequence]),
      [['v1.1.0', sequences[1]]],
    );
    assert.equal(gateway.active, 'v1.0.0');
  });
});
