import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../server/store/database';
import { createPostgresDatabase } from './postgresCluster';

/** A fresh, empty service database on one engine, and how to remove it. */
export interface TestDatabaseLocation {
  url: string;
  remove(): Promise<void>;
}

/** One engine the store suites run against. */
export interface TestEngine {
  name: Engine;
  /** A new empty database: a file in `dataDir` (a new temp folder when absent) on libSQL, a new database on PostgreSQL. */
  freshDatabase(dataDir?: string): Promise<TestDatabaseLocation>;
}

const libsql: TestEngine = {
  name: 'libsql',
  async freshDatabase(dataDir) {
    const folder = dataDir ?? mkdtempSync(join(tmpdir(), 'forge-db-'));
    return {
      url: `file:${join(folder, 'forge.db')}`,
      remove: async () => {
        if (!dataDir) rmSync(folder, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestEngine = {
  name: 'postgres',
  async freshDatabase() {
    const database = await createPostgresDatabase();
    return { url: database.url, remove: () => database.drop() };
  },
};

/**
 * The engines of this run: both, unless `FORGE_TEST_ENGINES` names fewer (`libsql`, `postgres`), e.g. to run one
 * engine's half of a suite while working on it. CI runs both.
 */
export function testEngines(): TestEngine[] {
  const wanted = (process.env.FORGE_TEST_ENGINES ?? 'libsql,postgres').split(',').map((name) => name.trim());
  const engines = [libsql, postgres].filter((engine) => wanted.includes(engine.name));
  if (engines.length === 0) throw new Error(`FORGE_TEST_ENGINES names no engine: "${process.env.FORGE_TEST_ENGINES}" (libsql, postgres)`);
  return engines;
}

/** `describe(title)` once per engine, titled `<title> [<engine>]`, the suite given the engine to open databases with. */
export function describeEachEngine(title: string, suite: (this: Mocha.Suite, engine: TestEngine) => void): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine.name}]`, function () {
      suite.call(this, engine);
    });
  }
}

/** The libSQL engine, for suites that are about the embedded file itself. */
export const libsqlEngine = libsql;
