import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { artifactCategory } from '../../core/artifacts/artifactCategory';
import { readBundle } from '../../server/versions/versionStore';
import { versionBody, type Upload } from './support/artifacts';
import { startTestService, type TestService } from './support/testService';

// Real Marie-AI plans, read where they are kept next to the repository (test/unit/validation/mariePlans.test.ts).
const plansDir = join(resolve(__dirname, '..', '..'), '..', 'shared', 'marie-plans');
const marieUpload = (file: string, edit: (plan: Record<string, unknown>) => void = () => undefined): Upload => {
  const plan = JSON.parse(readFileSync(join(plansDir, file), 'utf8')) as Record<string, unknown>;
  edit(plan);
  return { kind: 'workflow', path: `workflows/${file}`, content: JSON.stringify(plan, null, 2) };
};

describe('versions of plans exported from Marie-AI', () => {
  let service: TestService;
  beforeEach(async () => {
    service = await startTestService();
  });
  afterEach(async () => service.close());

  it('registers them as valid (nulls, NOOP mergers), keeps their warnings, and keeps the category with the version', async () => {
    const artifacts = [marieUpload('mock-branch-simple.json', (plan) => (plan.category = 'documents')), marieUpload('mock-parallel-subgraphs.json')];
    const created = await service.call('POST', '/api/versions', versionBody('v1.0.0', artifacts));
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.valid, true, JSON.stringify(created.body.artifacts.flatMap((a: any) => a.diagnostics)));
    const codes = Object.fromEntries(created.body.artifacts.map((a: any) => [a.name, a.diagnostics.map((d: any) => `${d.severity} ${d.code}`)]));
    assert.deepEqual(codes.mock_branch_simple, ['warning branch-path-shadowed']);
    assert.equal(codes.mock_parallel_subgraphs.length, 10);
    const stored = await readBundle(service.deps.db, 'v1.0.0');
    assert.deepEqual(
      stored.map((artifact) => [artifact.name, artifactCategory(artifact.content)]),
      [
        ['mock_branch_simple', 'documents'],
        ['mock_parallel_subgraphs', undefined],
      ],
    );
  });

  it('a new category is a patch in the diff; dropping the nulls Marie wrote changes nothing', async () => {
    const stripNulls = (plan: Record<string, unknown>) =>
      JSON.parse(JSON.stringify(plan, (_key, value: unknown) => (value === null ? undefined : value))) as Record<string, unknown>;
    await service.call('POST', '/api/versions', versionBody('v1.0.0', [marieUpload('mock-branch-simple.json')]));
    const next = marieUpload('mock-branch-simple.json', (plan) => {
      const stripped = stripNulls(plan);
      for (const key of Object.keys(plan)) delete plan[key];
      Object.assign(plan, stripped, { category: 'documents' });
    });
    assert.doesNotMatch(next.content, /null/);
    assert.equal((await service.call('POST', '/api/versions', versionBody('v1.0.1', [next], 'abc1235'))).status, 201);
    const diff = await service.call('GET', '/api/versions/v1.0.1/diff');
    assert.equal(diff.status, 200, diff.text);
    assert.equal(diff.body.inferredBump, 'patch');
    assert.deepEqual(
      diff.body.changes.map((c: any) => [c.path, c.change, c.bump]),
      [['category', 'category added: "documents"', 'patch']],
    );
  });
});
