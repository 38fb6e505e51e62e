import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveOnPort, type ServedService } from './support/servedService';
import { startTestService } from './support/testService';

const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;
const fixHint =
  'declare the route with documentedRoute() (server/http/documentedRoute.ts): it requires summary, operationId, description, one tag of server/http/apiTags.ts and security';

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** `redocly lint` (the recommended ruleset) over a saved document, offline: no telemetry, no update check. */
function redoclyLint(file: string): { totals: { errors: number; warnings: number }; problems: LintProblem[] } {
  const run = spawnSync(join('node_modules', '.bin', 'redocly'), ['lint', file, '--format=json'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
  });
  assert.ifError(run.error);
  const start = run.stdout.indexOf('{');
  assert.ok(start >= 0, `redocly printed no report: ${run.stdout}${run.stderr}`);
  return JSON.parse(run.stdout.slice(start));
}

/** The document every client and SDK generator reads; engine-independent, so on the embedded file only. */
describe('the OpenAPI document over a real port', function () {
  this.timeout(60_000);
  let served: ServedService;
  let doc: any;
  let operations: { where: string; operation: any }[];
  before(async () => {
    served = await serveOnPort(await startTestService());
    const answer = await served.call('GET', '/api/openapi.json', undefined, null);
    assert.equal(answer.status, 200);
    doc = answer.body;
    operations = Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
      methods.filter((method) => item[method]).map((method) => ({ where: `${method.toUpperCase()} ${path}`, operation: item[method] })),
    );
  });
  after(async () => served.close());

  it('passes redocly lint (recommended) with 0 errors', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'forge-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const report = redoclyLint(file);
    const errors = report.problems.filter((problem) => problem.severity === 'error');
    assert.equal(
      report.totals.errors,
      0,
      `redocly lint found ${report.totals.errors} error(s):\n${errors
        .map((problem) => `  ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`)
        .join('\n')}\nFor an operation: ${fixHint}.`,
    );
  });

  it('gives every operation a summary, a unique operationId, a description, one declared tag and its security', () => {
    const declared = new Set((doc.tags as { name: string; description: string }[]).map((tag) => tag.name));
    const missing = operations.flatMap(({ where, operation }) => [
      ...['summary', 'operationId', 'description']
        .filter((field) => typeof operation[field] !== 'string' || operation[field].length === 0)
        .map((field) => `${where}: no ${field}`),
      ...(operation.tags?.length === 1 && declared.has(operation.tags[0]) ? [] : [`${where}: tags ${JSON.stringify(operation.tags)} are not one declared tag`]),
      ...(Array.isArray(operation.security) ? [] : [`${where}: no security (bearerSecurity, or publicAccess for a route without a token)`]),
    ]);
    assert.deepEqual(missing, [], `${missing.join('\n')}\n${fixHint}.`);
    const ids = operations.map(({ operation }) => operation.operationId);
    assert.deepEqual(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      [],
      'operationIds are unique',
    );
    assert.ok(operations.length >= 40, `${operations.length} operations`);
    for (const tag of doc.tags) assert.ok(tag.description.length > 10, `tag ${tag.name} has a description`);
  });

  it('marks exactly the routes that need no token with security: []', () => {
    const open = operations
      .filter(({ operation }) => operation.security.length === 0)
      .map(({ where }) => where)
      .sort();
    assert.deepEqual(open, ['GET /healthz', 'GET /metrics', 'POST /api/hooks/git']);
    for (const { where } of operations.filter(({ operation }) => operation.security.length > 0)) {
      assert.deepEqual(doc.paths[where.split(' ')[1]!][where.split(' ')[0]!.toLowerCase()].security, [{ bearer: [] }], where);
    }
    // The public routes really answer without a token.
    return Promise.all(['/healthz', '/metrics'].map(async (path) => assert.equal((await served.call('GET', path, undefined, null)).status, 200, path)));
  });

  it('names the service it was fetched from in servers', () => {
    assert.deepEqual(
      doc.servers.map((server: { url: string }) => server.url),
      [served.url],
    );
  });

  it('refers to the resource shapes in components.schemas instead of repeating them', () => {
    const schemas = doc.components.schemas as Record<string, unknown>;
    for (const name of ['ApiError', 'Approval', 'AuditEvent', 'ChangeSet', 'ComplianceReport', 'DryRun', 'Environment', 'Release', 'User', 'Version']) {
      assert.ok(schemas[name], `components.schemas.${name}`);
    }
    const release = doc.paths['/api/releases/{id}'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual(release, { $ref: '#/components/schemas/Release' });
    const created = doc.paths['/api/releases'].post;
    assert.deepEqual(created.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/ReleaseCreate' });
    assert.deepEqual(created.responses['409'].content['application/json'].schema, { $ref: '#/components/schemas/ApiError' });
  });

  it('documents the x-next-cursor and Content-Disposition headers and the Last-Event-ID request header', () => {
    const audit = doc.paths['/api/audit'].get.responses['200'].headers;
    assert.deepEqual(Object.keys(audit).sort(), ['content-disposition', 'x-next-cursor']);
    assert.match(audit['x-next-cursor'].description, /cursor/);
    assert.ok(doc.paths['/api/reports/{kind}'].get.responses['200'].headers['content-disposition']);
    const resume = doc.paths['/api/events'].get.parameters.find((parameter: any) => parameter.in === 'header' && parameter.name.toLowerCase() === 'last-event-id');
    assert.match(resume?.description ?? '', /last event/);
  });
});
