import { createHash } from 'node:crypto';
import pg from 'pg';
import { quoteIdentifier } from './catalog';
import { assertStorable, isPostgresUniqueViolation, UniqueViolationError } from './constraintErrors';
import type { Database, ResultSet, Row, SqlValue, Statement, Transaction } from './database';
import { postgresLocation } from './databaseUrl';
import { numberedPlaceholders } from './placeholders';

/** How long a request waits for a free pooled connection before failing instead of hanging. */
const connectTimeoutMs = 15_000;
const int8Oid = 20;
const defaultScanBatch = 5000;

/** Options of a PostgreSQL pool. */
export interface PostgresOptions {
  /** Connections at most (node-postgres' default is 10). */
  maxConnections?: number;
}

/**
 * Opens a pool on a PostgreSQL database. A `schema=` parameter in the URL puts every unqualified table there
 * (its search path), creating the schema if it does not exist; without one the role's default applies.
 * Integers come back as numbers (BIGINT too: counts and sequence values stay far below 2^53).
 */
export async function openPostgresDatabase(url: string, options: PostgresOptions = {}): Promise<Database> {
  const { connectionString, schema } = postgresLocation(url);
  const config: pg.PoolConfig = {
    connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'forge-releases',
    options: schema ? `-c search_path=${schema}` : undefined,
    types: {
      getTypeParser: ((oid: number, format?: string): unknown =>
        oid === int8Oid ? Number : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
    },
  };
  const pool = new pg.Pool(config);
  // An idle pooled connection that breaks (the server restarts) is dropped by the pool; the next query reconnects.
  pool.on('error', () => undefined);
  const database = postgresDatabase(pool, config);
  if (schema) {
    try {
      await createSchema(database, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  return database;
}

function postgresDatabase(pool: pg.Pool, config: pg.PoolConfig): Database {
  const database: Database = {
    engine: 'postgres',
    execute: (statement) => run(pool, statement),
    batch: (statements) =>
      database.transaction(async (tx) => {
        const results: ResultSet[] = [];
        for (const statement of statements) results.push(await tx.execute(statement));
        return results;
      }),
    async transaction(work, mode = 'write') {
      const client = await pool.connect();
      const tx = postgresTransaction(client, mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      let broken: Error | undefined;
      try {
        const result = await work(tx);
        const commit = tx.commitText();
        if (commit !== null) await run(client, commit);
        return result;
      } catch (error) {
        if (tx.begun()) await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        // A connection whose rollback failed is broken: the pool discards it instead of reusing it.
        client.release(broken);
      }
    },
    async listen(channel, wake, onError) {
      const listener = new pg.Client(config);
      listener.on('notification', (message) => {
        if (message.channel === channel) wake();
      });
      listener.on('error', onError);
      await listener.connect();
      await listener.query(`LISTEN ${quoteIdentifier(channel)}`);
      return async () => {
        await listener.end().catch(() => undefined);
      };
    },
    scan: (statement, batchRows = defaultScanBatch) => scanWithCursor(pool, statement, batchRows),
    close: () => pool.end(),
  };
  return database;
}

/**
 * Streams a query through a cursor in one read-only snapshot, rows as arrays. The next batch is asked for
 * before the current one is handed over, so the server reads while the caller works.
 */
async function* scanWithCursor(pool: pg.Pool, statement: Statement, batchRows: number): AsyncGenerator<SqlValue[][]> {
  assertStorable(statement.args);
  const client = await pool.connect();
  let broken: Error | undefined;
  let committed = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`DECLARE forge_scan NO SCROLL CURSOR FOR ${numberedPlaceholders(statement.sql)}`, [...(statement.args ?? [])]);
    const fetch = () => client.query<SqlValue[]>({ text: `FETCH ${batchRows} FROM forge_scan`, rowMode: 'array' });
    let next = fetch();
    for (;;) {
      const { rows } = await next;
      if (rows.length === 0) break;
      next = fetch();
      // A fetch left running when the caller stops early still has to settle before the connection is reused.
      next.catch(() => undefined);
      yield rows;
    }
    await client.query('COMMIT');
    committed = true;
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A caller that stopped early leaves the transaction open: ending it closes the cursor.
    if (!committed && broken === undefined) await client.query('ROLLBACK').catch((error: Error) => (broken = error));
    client.release(broken);
  }
}

/**
 * A transaction on one pooled connection. `BEGIN` and the locks taken are not sent on their own: they go with the
 * next statement, in the same round trip when that statement takes no parameters (as the audit chain's head read
 * after its lock does). Each statement of such a text still runs after the one before it, with its own snapshot, so
 * nothing reads before its lock is held; a short transaction is spared one or two round trips.
 */
function postgresTransaction(client: pg.PoolClient, begin: string): Transaction & { begun(): boolean; commitText(): string | null } {
  let deferred: string[] = [begin];
  let begun = false;
  const last: string[] = [];
  const execute = async (statement: Statement | string): Promise<ResultSet> => {
    const ahead = deferred;
    deferred = [];
    begun = true;
    if (ahead.length === 0) return run(client, statement);
    if (typeof statement !== 'string' && (statement.args?.length ?? 0) > 0) {
      await run(client, ahead.join('; '));
      return run(client, statement);
    }
    return run(client, [...ahead, typeof statement === 'string' ? statement : statement.sql].join('; '));
  };
  return {
    engine: 'postgres',
    execute,
    async lock(scope) {
      deferred.push(`SELECT pg_advisory_xact_lock(${advisoryKey(scope)})`);
    },
    async notify(channel) {
      await execute({ sql: 'SELECT pg_notify(?, ?)', args: [channel, ''] });
    },
    beforeCommit: (sql) => void last.push(sql),
    begun: () => begun,
    // What ends the transaction in one round trip: nothing when no statement was sent and none is left to send.
    commitText() {
      if (!begun && last.length === 0) return null;
      const text = [...deferred, ...last, 'COMMIT'].join('; ');
      begun = true;
      return text;
    },
  };
}

async function run(target: pg.Pool | pg.PoolClient, statement: Statement | string): Promise<ResultSet> {
  const { sql, args } = typeof statement === 'string' ? { sql: statement, args: [] } : statement;
  assertStorable(args);
  try {
    const results = await target.query<Row>(numberedPlaceholders(sql), args ? [...args] : []);
    // Several statements in one text answer with one result each: the last is the one asked for.
    const result = Array.isArray(results) ? (results.at(-1) as pg.QueryResult<Row>) : results;
    return { rows: result.rows ?? [], rowsAffected: result.rowCount ?? 0 };
  } catch (error) {
    throw isPostgresUniqueViolation(error) ? new UniqueViolationError(error) : error;
  }
}

/** A 64-bit advisory lock key for a scope name: a decimal integer, safe to write into a statement. */
function advisoryKey(scope: string): string {
  return createHash('sha256').update(`forge-releases:${scope}`).digest().readBigInt64BE(0).toString();
}

/** Creates the URL's schema unless it exists (checked first: creating needs a right that using does not). */
async function createSchema(database: Database, schema: string): Promise<void> {
  const exists = await database.execute({ sql: 'SELECT 1 FROM pg_namespace WHERE nspname = ?', args: [schema] });
  if (exists.rows.length > 0) return;
  await database.transaction(async (tx) => {
    // Two processes opening a new environment at once: the second waits, then finds the schema there.
    await tx.lock(`schema:${schema}`);
    await tx.execute(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
  });
}
