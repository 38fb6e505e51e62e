import assert from 'node:assert/strict';
import { versionBody, workflowUpload } from './support/artifacts';
import { capturedLogs } from './support/capturedLogs';
import { startTestService, type TestService } from './support/testService';
import { describeEachEngine } from '../support/engines';

describeEachEngine('observability and edges', (engine) => {
  let service: TestService;
  let logLines: string[];

  beforeEach(async () => {
    const logs = capturedLogs();
    logLines = logs.lines;
    service = await startTestService({ engine, logger: logs.logger });
  });
  afterEach(async () => service.close());

  it('streams release.updated, environment.updated and version.created as server-sent events', async () => {
    const controller = new AbortController();
    const response = await service.app.request('/api/events', { headers: { authorization: `Bearer ${service.adminToken}` }, signal: controller.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = response.body!.getReader();
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    await service.deps.tasks.idle();
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes('event: environment.updated')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const events = [...text.matchAll(/event: (\S+)\ndata: (.*)\n/g)].map((m) => ({ type: m[1], data: JSON.parse(m[2]!) }));
    assert.deepEqual(
      events.map((e) => e.type),
      ['version.created', 'release.updated', 'release.updated', 'environment.updated'],
    );
    assert.deepEqual(
      events.filter((e) => e.type === 'release.updated').map((e) => e.data.status),
      ['in-progress', 'succeeded'],
    );
    assert.equal(events[3]!.data.name, 'development');
  });

  it('exposes Prometheus metrics for deployments, durations, pending approvals and HTTP requests', async () => {
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    await service.deps.tasks.idle();
    const metrics = await service.app.request('/metrics');
    assert.equal(metrics.status, 200);
    const text = await metrics.text();
    assert.match(text, /forge_deployments_total\{environment="development",outcome="succeeded"\} 1/);
    assert.match(text, /forge_deploy_duration_seconds_count\{environment="development",outcome="succeeded"\} 1/);
    assert.match(text, /forge_pending_approvals 0/);
    assert.match(text, /forge_http_requests_total\{route="\/api\/releases",status="202"\} 1/);
    assert.match(text, /forge_http_requests_total\{route="\/api\/versions",status="201"\} 1/);
  });

  it('refuses bodies over 5 MiB with 413 and unknown routes with 404, in the error envelope', async () => {
    const big = versionBody('v1.0.0', [{ kind: 'workflow', path: 'workflows/big.json', content: 'x'.repeat(5 * 1024 * 1024 + 10) }]);
    const tooLarge = await service.call('POST', '/api/versions', big);
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.error.code, 'payload_too_large');
    const missing = await service.call('GET', '/api/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
    const malformed = await service.call('POST', '/api/releases', '{"version": ');
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(malformed.body.error).sort(), ['code', 'details', 'message']);
  });

  it('writes structured JSON logs that never contain a token', async () => {
    await service.call('GET', '/api/me');
    await service.call('GET', '/api/me', undefined, `${service.adminToken}x`);
    assert.ok(logLines.length > 0);
    for (const line of logLines) {
      const entry = JSON.parse(line);
      assert.equal(typeof entry.level, 'number');
      assert.ok(!line.includes(service.adminToken.slice(6)), 'a log line holds the token');
    }
  });
});
