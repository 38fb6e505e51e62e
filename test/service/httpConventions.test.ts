import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { versionBody, workflowUpload } from './support/artifacts';
import { serveOnPort, type ServedService } from './support/servedService';
import { startTestService } from './support/testService';

/** The HTTP conventions clients and tools rely on; engine-independent, so on the embedded file only. */
describe('HTTP conventions over a real port', () => {
  let served: ServedService;
  before(async () => {
    served = await serveOnPort(await startTestService());
  });
  after(async () => served.close());

  const envelopeKeys = (body: any) => Object.keys(body.error).sort();

  describe('a known path with a method it does not take: 405 with Allow', () => {
    const cases: Array<[string, string, string]> = [
      ['DELETE', '/api/releases', 'GET, HEAD, POST'],
      ['PUT', '/api/releases/3f1c2d7e-0000-4000-8000-000000000000', 'GET, HEAD'],
      ['POST', '/api/environments/production', 'GET, HEAD, PUT'],
      ['GET', '/api/environments/production/promote', 'POST'],
      ['PATCH', '/api/tokens/abc', 'DELETE'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['DELETE', '/metrics', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      it(`${method} ${path} → 405, Allow: ${allow}`, async () => {
        const answer = await served.call(method, path);
        assert.equal(answer.status, 405, answer.text);
        assert.equal(answer.headers.get('allow'), allow);
        assert.deepEqual(envelopeKeys(answer.body), ['code', 'details', 'message']);
        assert.equal(answer.body.error.code, 'method_not_allowed');
        assert.equal(answer.body.error.message, `${method} is not allowed on ${path}: it takes ${allow}`);
        assert.deepEqual(answer.body.error.details, { method, allow: allow.split(', ') });
      });
    }

    it('an unknown path stays 404, and a known one still needs a token first (401)', async () => {
      const unknown = await served.call('DELETE', '/api/nothing-here');
      assert.deepEqual([unknown.status, unknown.body.error.code, unknown.headers.get('allow')], [404, 'not_found', null]);
      const anonymous = await served.call('DELETE', '/api/releases', undefined, null);
      assert.equal(anonymous.status, 401);
    });
  });

  describe('a body that is not JSON: 415', () => {
    const cases: Array<[string, string, string | undefined, string]> = [
      ['POST', '/api/releases', 'text/plain', '{"version":"v1.0.0","environment":"development"}'],
      ['POST', '/api/users', 'application/x-www-form-urlencoded', 'name=ada&role=developer'],
      ['POST', '/api/environments/staging/promote', 'text/plain', '{}'],
      ['PUT', '/api/environments/development/variables/MODEL', 'application/xml', '<value>gpt</value>'],
    ];
    for (const [method, path, type, body] of cases) {
      it(`${method} ${path} as ${type} → 415 naming the type`, async () => {
        const answer = await served.call(method, path, body, undefined, type ? { 'content-type': type } : {});
        assert.equal(answer.status, 415, answer.text);
        assert.deepEqual(answer.body.error, {
          code: 'unsupported_media_type',
          message: `send the body as application/json (Content-Type: application/json), not ${type}`,
          details: { expected: 'application/json', received: type },
        });
      });
    }

    it('JSON with a charset is JSON', async () => {
      const answer = await served.call('POST', '/api/users', { name: 'ada', role: 'developer' }, undefined, { 'content-type': 'application/json; charset=utf-8' });
      assert.equal(answer.status, 201, answer.text);
    });
  });

  describe('/metrics', () => {
    let text: string;
    before(async () => {
      await served.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
      const started = await served.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
      assert.equal(started.status, 202, started.text);
      await served.call('GET', `/api/releases/${started.body.id}`);
      await served.call('GET', '/api/releases/not-a-release-id');
      const metrics = await served.call('GET', '/metrics', undefined, null);
      assert.equal(metrics.status, 200);
      text = metrics.text;
    });

    it("has prom-client's default process metrics", () => {
      for (const name of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'process_start_time_seconds',
        'nodejs_eventloop_lag_seconds',
        'nodejs_heap_size_used_bytes',
      ]) {
        assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), name);
      }
    });

    it('times HTTP requests by method, route pattern (not the raw path) and status', () => {
      assert.match(text, /^# TYPE forge_http_request_duration_seconds histogram$/m);
      assert.match(text, /^forge_http_request_duration_seconds_count\{method="POST",route="\/api\/releases",status="202"\} 1$/m);
      assert.match(text, /^forge_http_request_duration_seconds_count\{method="GET",route="\/api\/releases\/:id",status="200"\} 1$/m);
      assert.match(text, /^forge_http_request_duration_seconds_count\{method="GET",route="\/api\/releases\/:id",status="404"\} 1$/m);
      assert.doesNotMatch(text, /not-a-release-id/);
    });

    it('counts deploys from 0 for every environment and outcome', () => {
      const counted = [...text.matchAll(/^forge_deployments_total\{environment="([^"]+)",outcome="([^"]+)"\} (\d+)$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).sort();
      assert.deepEqual(counted, [
        'development failed 0',
        'development succeeded 1',
        'production failed 0',
        'production succeeded 0',
        'staging failed 0',
        'staging succeeded 0',
      ]);
    });

    it('is clean for promtool check metrics', () => {
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      assert.ifError(check.error?.message.includes('ENOENT') ? new Error('promtool is missing: apt-get install prometheus (.ci/run does)') : check.error);
      assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
      assert.equal(`${check.stdout}${check.stderr}`.trim(), '', 'promtool reports nothing');
    });
  });
});
