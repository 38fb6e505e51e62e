// Audit log speed, each figure against a baseline measured in the same run on the same database file:
// 1. appending 100,000 events to the hash chain, one write transaction per event as the service does, against
//    raw single-row inserts of the same rows into an identical table (same indexes, same durability mode);
// 2. a filtered audit query (the seed's `action=deployment&environment=production&start=2024-03-01`) over
//    1,000,000 events against the same query forced to a full table scan.
// Usage: npm run bench:audit [-- <append events> <query events>]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { appendAuditEvent, appendAuditEvents } from '../server/audit/appendAuditEvent';
import type { AuditEventInput } from '../server/audit/auditEvent';
import { auditEventFromRow, auditEventSelect } from '../server/audit/auditRow';
import { auditFilterCondition, queryAuditEvents } from '../server/audit/queryAuditEvents';
import { verifyAuditChain } from '../server/audit/verifyAuditChain';
import { openDatabase } from '../server/store/database';
import { migrate } from '../server/store/migration';
import { allMigrations } from '../server/store/migrations/allMigrations';

const appendCount = Number(process.argv[2] ?? 100_000);
const queryCount = Number(process.argv[3] ?? 1_000_000);
const appendRounds = 10;
const queryRepeats = 25;
const seedQuery = { action: 'deployment', environment: 'production', start: '2024-03-01' };

const environments = ['development', 'staging', 'production'] as const;
// Roughly what a busy installation logs: mostly production reads, then the release lifecycle.
const actions = [
  ...Array<string>(8).fill('access'),
  'deployment.started', 'deployment.completed', 'deployment.started', 'deployment.completed',
  'approval.requested', 'approval.granted', 'approval.granted', 'approval.denied',
  'version.created', 'changeset.created', 'check.reported', 'release.requested', 'environment.updated', 'token.created',
];

/** A deterministic event for position `index`, shaped like the service's events. */
function sampleEvent(index: number): AuditEventInput {
  const action = actions[index % actions.length] as string;
  const environment = action === 'version.created' || action === 'changeset.created' ? null : environments[(index * 7) % 3];
  return {
    actor: `user-${(index * 13) % 50}`,
    action,
    environment,
    version: `v1.${Math.floor(index / 2000)}.${index % 7}`,
    releaseId: action.startsWith('deployment') || action.startsWith('approval') ? `r-${Math.floor(index / 4)}` : null,
    outcome: action === 'deployment.completed' ? (index % 10 === 0 ? 'failed' : 'succeeded') : null,
    details: action === 'access' ? { method: 'GET', path: `/api/environments/${environment}` } : { kind: 'deploy', durationMs: index % 5000, artifactCount: 12 },
  };
}

async function openBenchDatabase(folder: string, name: string): Promise<Client> {
  const db = await openDatabase(`file:${join(folder, name)}`);
  await migrate(db, allMigrations);
  return db;
}

/** An empty table shaped exactly like audit_events, with the same indexes, for the raw-insert baseline. */
async function createRawTable(db: Client): Promise<void> {
  const schema = await db.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'audit_events' AND sql IS NOT NULL");
  for (const row of schema.rows) {
    const sql = String(row.sql).replace(/\baudit_events\b/g, 'raw_events').replace(/\baudit_events_by_/g, 'raw_events_by_');
    await db.execute(sql);
  }
}

async function benchAppend(folder: string): Promise<number> {
  const db = await openBenchDatabase(folder, 'append.db');
  await createRawTable(db);
  const synchronous = (await db.execute('PRAGMA synchronous')).rows[0]?.synchronous;
  const journal = (await db.execute('PRAGMA journal_mode')).rows[0]?.journal_mode;
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
          rawSeq, randomUUID(), new Date(start + rawSeq * 1000).toISOString(), input.actor, input.action, input.environment ?? null,
          input.version ?? null, input.releaseId ?? null, input.outcome ?? null, JSON.stringify(input.details), '0'.repeat(64), 'f'.repeat(64),
        ],
      });
    }
    rawMs += performance.now() - began;
    began = performance.now();
    for (const [offset, input] of inputs.entries()) {
      const tx = await db.transaction('write');
      try {
        await appendAuditEvent(tx, input, new Date(start + (round * perRound + offset) * 1000));
        await tx.commit();
      } finally {
        tx.close();
      }
    }
    chainMs += performance.now() - began;
  }
  const verification = await verifyAuditChain(db);
  if (!verification.ok || verification.count !== perRound * appendRounds) throw new Error(`chain broken after the append benchmark: ${JSON.stringify(verification)}`);
  db.close();
  const events = perRound * appendRounds;
  const rawRate = events / (rawMs / 1000);
  const chainRate = events / (chainMs / 1000);
  console.log(`append: ${events} events, one transaction each (journal_mode=${journal}, synchronous=${synchronous})`);
  console.log(`  raw single-row inserts  ${rawRate.toFixed(0).padStart(8)} events/s`);
  console.log(`  hash-chained appends    ${chainRate.toFixed(0).padStart(8)} events/s`);
  return chainRate / rawRate;
}

/** Fills the log with `count` chained events spread over two years, in large transactions. */
async function fillLog(db: Client, count: number): Promise<void> {
  const span = Date.parse('2025-01-01T00:00:00Z') - Date.parse('2023-01-01T00:00:00Z');
  const perTransaction = 50_000;
  const perBatch = 500;
  for (let first = 0; first < count; first += perTransaction) {
    const tx = await db.transaction('write');
    try {
      for (let batch = first; batch < Math.min(first + perTransaction, count); batch += perBatch) {
        const size = Math.min(perBatch, count - batch);
        const inputs = Array.from({ length: size }, (_, offset) => sampleEvent(batch + offset));
        await appendAuditEvents(tx, inputs, new Date(Date.parse('2023-01-01T00:00:00Z') + (batch / count) * span));
      }
      await tx.commit();
    } finally {
      tx.close();
    }
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

async function benchQuery(folder: string): Promise<number> {
  const db = await openBenchDatabase(folder, 'query.db');
  let began = performance.now();
  await fillLog(db, queryCount);
  const fillSeconds = (performance.now() - began) / 1000;
  began = performance.now();
  const verification = await verifyAuditChain(db);
  const verifySeconds = (performance.now() - began) / 1000;
  if (!verification.ok || verification.count !== queryCount) throw new Error(`chain broken after filling: ${JSON.stringify(verification)}`);

  const indexed = () => queryAuditEvents(db, seedQuery);
  const { where, args } = auditFilterCondition(seedQuery);
  const fullScan = () =>
    db.execute({ sql: `SELECT ${auditEventSelect} FROM audit_events NOT INDEXED WHERE ${where} ORDER BY at, seq LIMIT ?`, args: [...args, 101] });
  const page = await indexed();
  const scanned = await fullScan();
  if (page.items.length !== 100 || page.items.map((event) => event.seq).join() !== scanned.rows.slice(0, 100).map((row) => auditEventFromRow(row).seq).join()) {
    throw new Error('the indexed query and the full scan disagree');
  }
  const plan = await db.execute({ sql: `EXPLAIN QUERY PLAN SELECT ${auditEventSelect} FROM audit_events WHERE ${where} ORDER BY at, seq LIMIT 101`, args });
  const indexedMs = await medianMs(indexed, queryRepeats);
  const scanMs = await medianMs(fullScan, Math.max(3, Math.floor(queryRepeats / 5)));
  const lastPage = async () => {
    let cursor: string | null | undefined;
    for (let pages = 0; pages < 10; pages++) cursor = (await queryAuditEvents(db, { ...seedQuery, ...(cursor ? { cursor } : {}) })).nextCursor;
  };
  const tenPagesMs = await medianMs(lastPage, 5);
  db.close();
  console.log(`query: ${queryCount} events (filled in ${fillSeconds.toFixed(1)} s, verified in ${verifySeconds.toFixed(1)} s)`);
  console.log(`  plan: ${plan.rows.map((row) => String(row.detail)).join('; ')}`);
  console.log(`  seed query, first page of 100  ${indexedMs.toFixed(2).padStart(9)} ms`);
  console.log(`  same query as a full scan      ${scanMs.toFixed(2).padStart(9)} ms`);
  console.log(`  ten pages with the cursor      ${tenPagesMs.toFixed(2).padStart(9)} ms`);
  return indexedMs / scanMs;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'forge-bench-audit-'));
  try {
    const appendRatio = await benchAppend(folder);
    const queryRatio = await benchQuery(folder);
    console.log(`append ratio (chain rate / raw rate): ${appendRatio.toFixed(2)} (required >= 0.5)`);
    console.log(`query ratio (indexed time / full scan time): ${queryRatio.toFixed(4)} (required <= 0.01)`);
    if (appendRatio < 0.5 || queryRatio > 0.01) process.exitCode = 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
