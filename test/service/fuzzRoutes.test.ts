import assert from 'node:assert/strict';
import fc from 'fast-check';
import { versionBody, workflowUpload } from './support/artifacts';
import { startTestService, type TestService } from './support/testService';
import { tableNames } from '../../server/store/catalog';
import { describeEachEngine } from '../support/engines';

/** Every route with a body or parameters, as a template: `{p}` is replaced by a fuzzed path segment. */
const routes: readonly { method: string; path: string; body: boolean }[] = [
  { method: 'GET', path: '/api/me', body: false },
  { method: 'GET', path: '/api/environments', body: false },
  { method: 'GET', path: '/api/environments/{p}', body: false },
  { method: 'PUT', path: '/api/environments/{p}', body: true },
  { method: 'POST', path: '/api/environments/{p}/promote', body: true },
  { method: 'POST', path: '/api/environments/{p}/rollback', body: true },
  { method: 'POST', path: '/api/versions', body: true },
  { method: 'GET', path: '/api/versions?limit={p}&cursor={p}', body: false },
  { method: 'GET', path: '/api/versions/{p}', body: false },
  { method: 'GET', path: '/api/versions/{p}/diff?against={p}', body: false },
  { method: 'POST', path: '/api/versions/{p}/checks', body: true },
  { method: 'GET', path: '/api/versions/{p}/checks', body: false },
  { method: 'POST', path: '/api/changesets', body: true },
  { method: 'GET', path: '/api/changesets?limit={p}', body: false },
  { method: 'GET', path: '/api/changesets/{p}', body: false },
  { method: 'POST', path: '/api/releases', body: true },
  { method: 'GET', path: '/api/releases?environment={p}&status={p}&cursor={p}', body: false },
  { method: 'GET', path: '/api/releases/{p}', body: false },
  { method: 'POST', path: '/api/users', body: true },
  { method: 'GET', path: '/api/users?limit={p}&cursor={p}', body: false },
  { method: 'PATCH', path: '/api/users/{p}', body: true },
  { method: 'POST', path: '/api/users/{p}/tokens', body: true },
  { method: 'GET', path: '/api/users/{p}/tokens', body: false },
  { method: 'DELETE', path: '/api/tokens/{p}', body: false },
  { method: 'PUT', path: '/api/environments/{p}/variables/{p}', body: true },
  { method: 'DELETE', path: '/api/environments/{p}/variables/{p}', body: false },
  { method: 'GET', path: '/api/environments/{p}/variables', body: false },
  { method: 'GET', path: '/api/audit?action={p}&environment={p}&start={p}', body: false },
  { method: 'GET', path: '/api/audit?end={p}&limit={p}&cursor={p}&format={p}', body: false },
  { method: 'GET', path: '/api/audit/verify', body: false },
  { method: 'GET', path: '/api/audit/verify?from={p}', body: false },
  { method: 'GET', path: '/api/audit?format=jsonl&cursor={p}&actor={p}', body: false },
  { method: 'GET', path: '/api/audit/checkpoints?limit={p}&cursor={p}', body: false },
  { method: 'POST', path: '/api/audit/checkpoints', body: true },
  { method: 'GET', path: '/api/audit/public-key', body: false },
  { method: 'GET', path: '/api/reports/{p}?start={p}&end={p}&format={p}', body: false },
  { method: 'POST', path: '/api/releases/{p}/approvals', body: true },
  { method: 'GET', path: '/api/releases/{p}/approvals', body: false },
  { method: 'GET', path: '/api/approvals?status={p}&environment={p}&cursor={p}', body: false },
  { method: 'POST', path: '/api/hooks/git', body: true },
  { method: 'GET', path: '/healthz', body: false },
  { method: 'GET', path: '/metrics', body: false },
  { method: 'GET', path: '/api/openapi.json', body: false },
];

const hostile = fc.constantFrom(
  "'; DROP TABLE releases; --",
  '" OR 1=1 --',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  '\u0000',
  'v1.0.0\n',
  '𝔣𝔬𝔯𝔤𝔢',
  'ｖ１．０．０',
  'development',
  'production',
  'v1.0.0',
  '1e309',
  '-1',
  '__proto__',
  'constructor',
  '{}',
  '',
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), hostile, fc.string({ minLength: 300, maxLength: 3000 }));
const anyValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }));

const hex = fc.stringMatching(/^[0-9a-f]{7,40}$/);
const unicode = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((t) => t.trim().length > 0);
const tag = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)).map(([a, b, c]) => `v${a}.${b}.${c}`);

/** Valid bodies per route, with unicode and hostile content, so accepted writes (201/202/409/422) are fuzzed too. */
const plausibleBodies: Record<string, fc.Arbitrary<unknown>> = {
  'POST /api/releases': fc.record(
    { version: fc.oneof(tag, fc.constant('v1.0.0')), environment: fc.constantFrom('development', 'staging', 'production'), dryRun: fc.boolean() },
    { requiredKeys: ['version', 'environment'] },
  ),
  'POST /api/versions': fc.record({
    tag,
    commit: hex,
    message: unicode,
    artifacts: fc.array(
      fc.record({
        kind: fc.constantFrom('workflow', 'agent', 'processor'),
        path: fc.stringMatching(/^workflows\/[a-z]{1,12}\.json$/),
        content: fc.oneof(
          unicode,
          fc.integer().map((n) => workflowUpload('intake', n).content),
        ),
      }),
      { maxLength: 3 },
    ),
  }),
  'POST /api/changesets': fc.record({
    name: unicode,
    pullRequests: fc.array(fc.record({ number: fc.integer({ min: 1, max: 99999 }), title: unicode, author: unicode, mergeCommit: hex }), { maxLength: 3 }),
  }),
  'PUT /api/environments/{p}': fc.record({ purpose: unicode, order: fc.integer({ min: 0, max: 1000 }), gateways: fc.constant([]) }, { requiredKeys: [] }),
  'POST /api/versions/{p}/checks': fc.record({ name: fc.constantFrom('smoke-tests', 'lint'), status: fc.constantFrom('success', 'failure'), summary: unicode }),
  'POST /api/environments/{p}/rollback': fc.record({ reason: unicode, version: fc.oneof(tag, hostile) }, { requiredKeys: [] }),
  'POST /api/users': fc.record({
    name: fc.oneof(unicode, hostile, fc.stringMatching(/^[a-z][a-z0-9.-]{0,20}$/)),
    role: fc.constantFrom('developer', 'maintainer', 'admin', 'root'),
  }),
  'PATCH /api/users/{p}': fc.record({ role: fc.constantFrom('developer', 'maintainer', 'admin', 'root') }),
  'POST /api/users/{p}/tokens': fc.record({ name: unicode }),
  'PUT /api/environments/{p}/variables/{p}': fc.record({ value: fc.oneof(unicode, hostile), secret: fc.boolean() }, { requiredKeys: ['value'] }),
  'POST /api/releases/{p}/approvals': fc.record({ decision: fc.constantFrom('approve', 'reject', 'abstain'), comment: unicode }, { requiredKeys: ['decision'] }),
  'POST /api/environments/{p}/promote': fc.record({ from: fc.constantFrom('development', 'staging', 'nowhere') }, { requiredKeys: [] }),
};

/** Bodies shaped like the real ones (right keys, wrong or hostile values), arbitrary JSON, and broken JSON. */
const body = fc.oneof(
  fc.record({ version: anyValue, environment: fc.oneof(hostile, anyValue), dryRun: anyValue }, { requiredKeys: [] }),
  fc.record(
    {
      tag: fc.oneof(hostile, anyValue),
      commit: anyValue,
      message: anyValue,
      changeSets: anyValue,
      artifacts: fc.oneof(
        anyValue,
        fc.array(
          fc.record({ kind: fc.oneof(fc.constantFrom('workflow', 'agent'), anyValue), path: fc.oneof(hostile, anyValue), content: anyValue }, { requiredKeys: [] }),
          { maxLength: 3 },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.record({ name: fc.oneof(hostile, anyValue), pullRequests: anyValue, artifacts: anyValue, status: anyValue, url: anyValue }, { requiredKeys: [] }),
  fc.record(
    {
      tier: anyValue,
      order: anyValue,
      gateways: anyValue,
      gates: anyValue,
      approvalPolicy: anyValue,
      freezeWindows: anyValue,
      deployRole: anyValue,
      databaseUrl: anyValue,
      from: anyValue,
      reason: anyValue,
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.oneof(text, fc.constantFrom('{', '{"version":', '[1,2', 'null', '{"a":1}}', '\uFEFF{}')),
);

const anyRequest = fc.record({
  route: fc.constantFrom(...routes),
  segments: fc.array(
    fc.oneof(hostile, fc.string({ maxLength: 40 }), tag, fc.constantFrom('development', 'staging', 'v1.0.0', '5', 'changelog', 'deployment', '2024-03-01', 'csv')),
    { minLength: 3, maxLength: 3 },
  ),
  body,
  auth: fc.constantFrom('admin', 'admin', 'admin', 'none', 'garbage'),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded'),
});

const segment = fc.oneof(tag, fc.constantFrom('development', 'staging', 'production', 'v1.0.0', 'API_KEY'), hostile);
const plausibleRequest = fc.constantFrom(...routes.filter((r) => `${r.method} ${r.path}` in plausibleBodies)).chain((route) =>
  fc.record({
    route: fc.constant(route),
    segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
    body: plausibleBodies[`${route.method} ${route.path}`]!,
    auth: fc.constant('admin'),
    contentType: fc.constant('application/json'),
  }),
);

const request = fc.oneof(anyRequest, plausibleRequest);

describeEachEngine('fuzzing every route', function (engine) {
  this.timeout(300_000);
  let service: TestService;
  const now = new Date('2026-03-01T10:00:00Z');

  before(async () => {
    service = await startTestService({ engine, clock: () => now });
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    await service.deps.tasks.idle();
  });
  after(async () => service.close());

  async function snapshot(): Promise<string> {
    const contents: Record<string, unknown> = {};
    // A release refused by its gates is itself audited (release.requested, outcome refused): that row is the refusal's record.
    const audited = "WHERE NOT (action = 'release.requested' AND outcome = 'refused')";
    for (const name of await tableNames(service.deps.db)) {
      // The change counter moves with that audited refusal too; what a write changed shows in its own table.
      if (name === 'store_changes') continue;
      const where = name === 'audit_events' ? audited : '';
      const rows = (await service.deps.db.execute(`SELECT * FROM "${name}" ${where}`)).rows;
      contents[name] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return JSON.stringify(contents);
  }

  it('never answers 5xx, always uses the error envelope, and leaves the database unchanged when it refuses', async () => {
    let before = await snapshot();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, segments, body: payload, auth, contentType }) => {
        let index = 0;
        const path = route.path.replace(/\{p\}/g, () => encodeURIComponent(segments[index++ % segments.length]!));
        const headers: Record<string, string> = { 'content-type': contentType };
        if (auth === 'admin') headers.authorization = `Bearer ${service.adminToken}`;
        if (auth === 'garbage') headers.authorization = 'Bearer ' + 'g'.repeat(43);
        const response = await service.app.request(path, {
          method: route.method,
          headers,
          body: route.body ? (typeof payload === 'string' ? payload : JSON.stringify(payload)) : undefined,
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        assert.ok(response.status < 500, `${route.method} ${path} → ${response.status} ${text}`);
        await service.deps.tasks.idle();
        const after = await snapshot();
        if (response.status >= 400) {
          const envelope = JSON.parse(text);
          assert.equal(typeof envelope.error.code, 'string');
          assert.equal(typeof envelope.error.message, 'string');
          assert.ok('details' in envelope.error);
          assert.equal(after, before, `${route.method} ${path} → ${response.status} changed the database`);
        }
        before = after;
      }),
      { numRuns: 600, seed: 1337 },
    );
    // The run reached past validation as well as being refused by it.
    assert.ok((statuses.get(400) ?? 0) > 50 && (statuses.get(401) ?? 0) > 50, JSON.stringify([...statuses]));
    for (const status of [201, 202, 404, 409, 422]) assert.ok(statuses.has(status), `no ${status} in ${JSON.stringify([...statuses])}`);
  });

  it('refuses U+0000 in any text of every write route with a 400 naming the field, and writes nothing', async () => {
    const user = (await service.call('POST', '/api/users', { name: 'nul-tester', role: 'developer' })).body;
    const pending = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production', override: { reason: 'test' } });
    // A valid body for every route that stores text; each of its strings, keys included, gets a NUL in turn.
    const writes: { method: string; path: string; body: Record<string, unknown> }[] = [
      { method: 'POST', path: '/api/versions', body: { ...versionBody('v7.0.0', [workflowUpload('intake', 7)]), message: 'a release' } },
      {
        method: 'POST',
        path: '/api/changesets',
        body: { name: 'fixes', pullRequests: [{ number: 4, title: 'Fix', author: 'dev', mergeCommit: 'abc1234' }], artifacts: ['workflows/intake.json'] },
      },
      {
        method: 'PUT',
        path: '/api/environments/qa',
        body: {
          tier: 'staging',
          purpose: 'QA',
          stability: 'Stable',
          dataClass: 'Synthetic',
          freezeWindows: [{ start: '2026-12-24T00:00', end: '2026-12-27T00:00', timeZone: 'Europe/Berlin', reason: 'holidays' }],
        },
      },
      { method: 'POST', path: '/api/versions/v1.0.0/checks', body: { name: 'smoke-tests', status: 'success', summary: '40 of 40', url: 'https://ci.example.com/1' } },
      { method: 'POST', path: '/api/environments/development/rollback', body: { reason: 'errors up' } },
      { method: 'POST', path: '/api/users', body: { name: 'newcomer', role: 'developer' } },
      { method: 'POST', path: `/api/users/${user.id}/tokens`, body: { name: 'laptop' } },
      { method: 'PUT', path: '/api/environments/development/variables/API_URL', body: { value: 'https://api.example.com', secret: false } },
      { method: 'POST', path: `/api/releases/${pending.body.id}/approvals`, body: { decision: 'reject', comment: 'not now' } },
      { method: 'POST', path: '/api/releases', body: { version: 'v1.0.0', environment: 'staging', override: { reason: 'hotfix' } } },
    ];
    const withNul = (value: unknown, path: string[]): unknown => {
      if (path.length === 0) return typeof value === 'string' ? `${value.slice(0, 1)}\u0000${value.slice(1)}` : value;
      const [head, ...rest] = path as [string, ...string[]];
      if (Array.isArray(value)) return value.map((item, index) => (String(index) === head ? withNul(item, rest) : item));
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, key === head ? withNul(item, rest) : item]));
    };
    const texts = (value: unknown, path: string[] = []): string[][] =>
      typeof value === 'string' ? [path] : value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([key, item]) => texts(item, [...path, key])) : [];
    let checked = 0;
    const before = await snapshot();
    for (const write of writes) {
      for (const path of texts(write.body)) {
        const response = await service.call(write.method, write.path, withNul(write.body, path));
        const where = `json.${path.join('.')}`;
        assert.equal(response.status, 400, `${write.method} ${write.path} ${where}: ${response.text}`);
        const { code, message, details } = response.body.error;
        // The NUL is named where it is; a value also outside its field's format (an enum, a pattern) may say so first.
        assert.ok(
          code === 'invalid_text' ? message.includes(where) : details.issues?.[0]?.path === path.join('.'),
          `${write.method} ${write.path} ${where}: ${response.text}`,
        );
        checked += code === 'invalid_text' ? 1 : 0;
      }
      const key = `${write.method} ${write.path}`;
      const keyed = await service.call(write.method, write.path, { ...write.body, 'x\u0000y': 'z' });
      assert.equal(keyed.status, 400, `${key} with a NUL in a key`);
    }
    assert.ok(checked >= 15, `${checked} fields were refused for their NUL`);
    assert.equal(await snapshot(), before);
  });

  it('refuses oversize bodies on every body route with 413 and writes nothing', async () => {
    const before = await snapshot();
    const huge = JSON.stringify({ tag: 'v9.0.0', commit: 'abcd', artifacts: [{ kind: 'workflow', path: 'w.json', content: 'ü'.repeat(3 * 1024 * 1024) }] });
    for (const route of routes.filter((r) => r.body)) {
      const response = await service.call(route.method, route.path.replace(/\{p\}/g, 'development'), huge);
      assert.equal(response.status, 413, `${route.method} ${route.path}`);
      assert.equal(response.body.error.code, 'payload_too_large');
    }
    assert.equal(await snapshot(), before);
  });
});
