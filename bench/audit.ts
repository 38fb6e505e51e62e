// Audit log speed, each figure against a baseline measured in the same run on the same database:
// 1. appending events to the hash chain, one write transaction per event as the service does (chain lock, head
//    read, redaction, SHA-256, insert), against raw single-row inserts of the same rows into an identical table
//    (same indexes, same durability settings);
// 2. a filtered audit query (the seed's `action=deployment&environment=production&start=2024-03-01`) over a
//    large log against the same query forced to a full table scan;
// 3. verifying the whole chain of that log (every hash and link) against a raw scan of the same table (every
//    column of every row read the same streamed way, nothing checked), and verifying incrementally from a
//    signed checkpoint.
// Both run on the embedded libSQL file and on PostgreSQL (see bench/support/benchEngines.ts); PostgreSQL commits
// wait for the disk, so its default counts are smaller.
// Usage: npm run bench:audit [-- <append events> <query events>] [--engine libsql|postgres]
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAuditEvent, appendAuditEvents } from '../server/audit/appendAuditEvent';
import { auditEventFromRow, auditEventSelect } from '../server/audit/auditRow';
import { auditSigner } from '../server/audit/checkpoints/auditSigner';
import { takeCheckpoint } from '../server/audit/checkpoints/takeCheckpoint';
import { verifyAuditTrail } from '../server/audit/checkpoints/verifyAuditTrail';
import { auditFilterCondition, queryAuditEvents } from '../server/audit/queryAuditEvents';
import { verifyAuditChain } from '../server/audit/verifyAuditChain';
import type { Database, Engine } from '../server/store/database';
import { migrate } from '../server/store/migration';
import { allMigrations } from '../server/store/migrations/allMigrations';
import { openDatabase } from '../server/store/openDatabase';
import { benchEngines, openBenchDatabase, positionalArguments } from './support/benchEngines';
import { sampleEvent } from './support/sampleAuditEvents';

const [appendArgument, queryArgument] = positionalArguments();
const defaultCounts: Record<Engine, { append: number; query: number }> = {
  libsql: { append: 100_000, query: 1_000_000 },
  postgres: { append: 10_000, query: 1_000_000 },
};
const appendRounds = 10;
const queryRepeats = 25;
const seedQuery = { action: 'deployment', environment: 'production', start: '2024-03-01' };

async function openMigrated(url: string): Promise<Database> {
  const db = await openDatabase(url);
  await migrate(db, allMigrations);
  return db;
}

/** An empty table shaped exactly like audit_events, with the same indexes, for the raw-insert baseline. */
async function createRawTable(db: Database): Promise<void> {
  if (db.engine === 'postgres') {
    await db.execute('CREATE TABLE raw_events (LIKE audit_events INCLUDING ALL)');
    return;
  }
  const schema = await db.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'audit_events' AND sql IS NOT NULL");
  for (const row of schema.rows) {
    const sql = String(row.sql)
      .replace(/\baudit_events\b/g, 'raw_events')
      .replace(/\baudit_events_by_/g, 'raw_events_by_');
    await db.execute(sql);
  }
}

/** The settings that decide what a commit costs. */
async function durability(db: Database): Promise<string> {
  if (db.engine === 'postgres') {
    const setting = async (name: string) => String((await db.execute(`SHOW ${name}`)).rows[0]?.[name]);
    return `fsync=${await setting('fsync')}, synchronous_commit=${await setting('synchronous_commit')}`;
  }
  const synchronous = (await db.execute('PRAGMA synchronous')).rows[0]?.synchronous;
  const journal = (await db.execute('PRAGMA journal_mode')).rows[0]?.journal_mode;
  return `journal_mode=${journal}, synchronous=${synchronous}`;
}

async function benchAppend(url: string, appendCount: number): Promise<number> {
  const db = await openMigrated(url);
  await createRawTable(db);
  const settings = await durability(db);
  const perRound = Math.ceil(appendCount / appendRounds);
  const start = Date.parse('2024-01-01T00:00:00Z');
  let chainMs = 0;
  let rawMs = 0;
  let rawSeq = 0;
  // Alternating rounds, so both sides meet the same file growth and checkpoints.
  for (let round = 0; round < appendRounds; round++) {
    const inputs = Array.from({ length: perRound }, (_, offset) => sampleEvent(round * perRound + offset));
    let began = performance.now();
    for (const input of inputs) {
      rawSeq += 1;
      await db.execute({
        sql: `INSERT INTO raw_events (seq, id, at, actor, action, environment, version, release_id, outcome, details, prev_hash, hash)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          rawSeq,
          randomUUID(),
          new Date(start + rawSeq * 1000).toISOString(),
          input.actor,
          input.action,
          input.environment ?? null,
          input.version ?? null,
          input.releaseId ?? null,
          input.outcome ?? null,
          JSON.stringify(input.details),
          '0'.repeat(64),
          'f'.repeat(64),
        ],
      });
    }
    rawMs += performance.now() - began;
    began = performance.now();
    for (const [offset, input] of inputs.entries()) {
      await db.transaction(async (tx) => {
        await appendAuditEvent(tx, input, new Date(start + (round * perRound + offset) * 1000));
      });
    }
    chainMs += performance.now() - began;
  }
  const verification = await verifyAuditChain(db);
  if (!verification.ok || verification.count !== perRound * appendRounds) throw new Error(`chain broken after the append benchmark: ${JSON.stringify(verification)}`);
  await db.close();
  const events = perRound * appendRounds;
  const rawRate = events / (rawMs / 1000);
  const chainRate = events / (chainMs / 1000);
  console.log(`append: ${events} events, one transaction each (${settings})`);
  console.log(`  raw single-row inserts  ${rawRate.toFixed(0).padStart(8)} events/s`);
  console.log(`  hash-chained appends    ${chainRate.toFixed(0).padStart(8)} events/s`);
  return chainRate / rawRate;
}

/** Fills the log with `count` chained events spread over two years, in large transactions. */
async function fillLog(db: Database, count: number): Promise<void> {
  const span = Date.parse('2025-01-01T00:00:00Z') - Date.parse('2023-01-01T00:00:00Z');
  const perTransaction = 50_000;
  const perBatch = 500;
  for (let first = 0; first < count; first += perTransaction) {
    await db.transaction(async (tx) => {
      for (let batch = first; batch < Math.min(first + perTransaction, count); batch += perBatch) {
        const size = Math.min(perBatch, count - batch);
        const inputs = Array.from({ length: size }, (_, offset) => sampleEvent(batch + offset));
        await appendAuditEvents(tx, inputs, new Date(Date.parse('2023-01-01T00:00:00Z') + (batch / count) * span));
      }
    });
  }
}

async function medianMs(run: () => Promise<unknown>, repeats: number): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const began = performance.now();
    await run();
    samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

async function benchQuery(url: string, queryCount: number): Promise<{ queryRatio: number; verifySeconds: number; rawSeconds: number }> {
  const db = await openMigrated(url);
  const began = performance.now();
  await fillLog(db, queryCount);
  // A running server's autovacuum analyzes a table that grew this much; the benchmark does it at once.
  if (db.engine === 'postgres') await db.execute('ANALYZE audit_events');
  const fillSeconds = (performance.now() - began) / 1000;
  const verify = await benchVerify(db, queryCount);

  const indexed = () => queryAuditEvents(db, seedQuery);
  const { where, args } = auditFilterCondition(seedQuery);
  const scanSql = `SELECT ${auditEventSelect} FROM audit_events${db.engine === 'libsql' ? ' NOT INDEXED' : ''} WHERE ${where} ORDER BY at, seq LIMIT ?`;
  // PostgreSQL has no NOT INDEXED: the planner is told not to use any index, for this transaction only.
  const fullScan = () =>
    db.transaction(async (tx) => {
      if (tx.engine === 'postgres') {
        for (const setting of ['enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan']) await tx.execute(`SET LOCAL ${setting} = off`);
      }
      return tx.execute({ sql: scanSql, args: [...args, 101] });
    }, 'read');
  const page = await indexed();
  const scanned = await fullScan();
  if (
    page.items.length !== 100 ||
    page.items.map((event) => event.seq).join() !==
      scanned.rows
        .slice(0, 100)
        .map((row) => auditEventFromRow(row).seq)
        .join()
  ) {
    throw new Error('the indexed query and the full scan disagree');
  }
  const explain = db.engine === 'postgres' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN';
  const plan = await db.execute({ sql: `${explain} SELECT ${auditEventSelect} FROM audit_events WHERE ${where} ORDER BY at, seq LIMIT 101`, args });
  const indexedMs = await medianMs(indexed, queryRepeats);
  const scanMs = await medianMs(fullScan, Math.max(3, Math.floor(queryRepeats / 5)));
  const lastPage = async () => {
    let cursor: string | null | undefined;
    for (let pages = 0; pages < 10; pages++) cursor = (await queryAuditEvents(db, { ...seedQuery, ...(cursor ? { cursor } : {}) })).nextCursor;
  };
  const tenPagesMs = await medianMs(lastPage, 5);
  const incremental = await benchIncrementalVerify(db, queryCount);
  await db.close();
  console.log(`query: ${queryCount} events (filled in ${fillSeconds.toFixed(1)} s)`);
  console.log(`  plan: ${plan.rows.map((row) => String(row.detail ?? row['QUERY PLAN']).trim()).join('; ')}`);
  console.log(`  seed query, first page of 100  ${indexedMs.toFixed(2).padStart(9)} ms`);
  console.log(`  same query as a full scan      ${scanMs.toFixed(2).padStart(9)} ms`);
  console.log(`  ten pages with the cursor      ${tenPagesMs.toFixed(2).padStart(9)} ms`);
  console.log(`verify: ${queryCount} events, median of ${verifyRepeats}`);
  console.log(`  raw scan of every row          ${verify.rawSeconds.toFixed(2).padStart(9)} s`);
  console.log(`  verify the whole chain         ${verify.verifySeconds.toFixed(2).padStart(9)} s`);
  console.log(`  verify from a checkpoint ${incrementalEvents} events back ${incremental.toFixed(2).padStart(6)} ms (${incrementalEvents + 1} events checked)`);
  return { queryRatio: indexedMs / scanMs, ...verify };
}

const verifyRepeats = 3;
const incrementalEvents = 10_000;

/** `GET /api/audit/verify?from=checkpoint` after a checkpoint and then `incrementalEvents` more events: median ms. */
async function benchIncrementalVerify(db: Database, count: number): Promise<number> {
  const signer = auditSigner(generateKeyPairSync('ed25519').privateKey);
  await takeCheckpoint(db, signer, { events: null, minutes: null }, 'now', new Date());
  await db.transaction((tx) =>
    appendAuditEvents(
      tx,
      Array.from({ length: incrementalEvents }, (_, index) => sampleEvent(count + index)),
      new Date('2025-01-02T00:00:00Z'),
    ),
  );
  const check = async () => {
    const verification = await verifyAuditTrail(db, signer.publicKey, [], 'checkpoint');
    if (!verification.ok || verification.count !== incrementalEvents + 1) throw new Error(`incremental verification failed: ${JSON.stringify(verification)}`);
  };
  return medianMs(check, 5);
}

/** Verifying the chain against reading every row of the same table the same way, alternating, medians. */
async function benchVerify(db: Database, count: number): Promise<{ verifySeconds: number; rawSeconds: number }> {
  const raw: number[] = [];
  const verified: number[] = [];
  for (let round = 0; round < verifyRepeats; round++) {
    let began = performance.now();
    let rows = 0;
    for await (const batch of db.scan({ sql: `SELECT ${auditEventSelect} FROM audit_events ORDER BY seq` })) rows += batch.length;
    raw.push((performance.now() - began) / 1000);
    began = performance.now();
    const verification = await verifyAuditChain(db);
    verified.push((performance.now() - began) / 1000);
    if (!verification.ok || verification.count !== count || rows !== count) throw new Error(`chain broken after filling: ${JSON.stringify(verification)}`);
  }
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
  return { verifySeconds: median(verified), rawSeconds: median(raw) };
}

async function bench(engine: Engine): Promise<boolean> {
  const folder = mkdtempSync(join(tmpdir(), 'forge-bench-audit-'));
  const database = await openBenchDatabase(engine, folder);
  try {
    console.log(`— ${engine} —`);
    const appendRatio = await benchAppend(database.url, Number(appendArgument ?? defaultCounts[engine].append));
    const queryCount = Number(queryArgument ?? defaultCounts[engine].query);
    const { queryRatio, verifySeconds, rawSeconds } = await benchQuery(database.otherUrl, queryCount);
    // On PostgreSQL a chained append is three round trips (begin + lock + head read, insert, commit) against one
    // for a raw autocommitted insert, both waiting for the same flush to disk: the 0.5 floor is the embedded file's.
    const appendFloor = engine === 'libsql' ? 0.5 : null;
    console.log(`append ratio on ${engine} (chain rate / raw rate): ${appendRatio.toFixed(2)}${appendFloor ? ` (required >= ${appendFloor})` : ''}`);
    console.log(`query ratio on ${engine} (indexed time / full scan time): ${queryRatio.toFixed(4)} (required <= 0.01)`);
    // The 5 s bound is for a million events; other sizes are held to the same rate.
    const verifyBound = (5 * queryCount) / 1_000_000;
    console.log(
      `verify on ${engine}: ${verifySeconds.toFixed(2)} s for ${queryCount} events, ${(verifySeconds / rawSeconds).toFixed(2)}× the raw scan (required <= ${verifyBound} s)`,
    );
    return (appendFloor === null || appendRatio >= appendFloor) && queryRatio <= 0.01 && verifySeconds <= verifyBound;
  } finally {
    await database.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const engine of benchEngines()) {
    if (!(await bench(engine))) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
