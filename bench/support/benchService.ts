// The service as the read benchmarks load it: opened the way `forge-release serve` opens it (token check,
// migrated embedded database, the default freshness bound of reads served from memory), with a few releases
// so every environment carries its last release in its answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateToken } from '../../server/auth/tokens';
import { openService, serviceOptions, type OpenedService } from '../../server/main';

export interface BenchService extends OpenedService {
  dataDir: string;
  headers: Record<string, string>;
  /** A JSON request with the admin token, answered in-process; fails on a non-2xx answer. */
  call(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

const workflow = (tag: string) => ({
  kind: 'workflow',
  name: 'intake',
  spec: {
    plan: {
      nodes: [{ task_id: 'start', query_str: `start ${tag}`, dependencies: [], node_type: 'COMPUTE', definition: { method: 'NOOP', endpoint: 'noop', params: {} } }],
    },
  },
});

/** Opens the service (log level `warn`, as in production with request logs off) with `releases` deploys done. */
export async function openBenchService(releases: number): Promise<BenchService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-bench-reads-'));
  const token = generateToken();
  const opened = await openService(serviceOptions({ dataDir }, { FORGE_BOOTSTRAP_TOKEN: token, FORGE_LOG_LEVEL: 'warn' }));
  const headers = { authorization: `Bearer ${token}` };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await opened.app.request(path, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as unknown;
  };
  const versions = ['v1.0.0', 'v1.1.0', 'v1.2.0'];
  for (const [index, tag] of versions.entries()) {
    const content = JSON.stringify(workflow(tag));
    await call('POST', '/api/versions', { tag, commit: `abcdef${index}`, artifacts: [{ kind: 'workflow', path: 'workflows/intake.json', content }] });
  }
  // Each version reaches development before staging, as the promotion-order gate wants.
  for (let index = 0; index < releases; index += 1) {
    await call('POST', '/api/releases', { version: versions[Math.floor(index / 2) % versions.length], environment: index % 2 ? 'staging' : 'development' });
    await opened.deps.tasks.idle();
  }
  return {
    ...opened,
    dataDir,
    headers,
    call,
    async close() {
      await opened.deps.tasks.idle();
      await opened.deps.events.close();
      await opened.deps.environmentDatabases.close();
      await opened.deps.db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
