import type { Database, Queryable, Row } from '../store/database';
import { inChunks, rowPlaceholders } from '../store/placeholders';

/** One artifact as an environment database stages it and a gateway receives it. */
export interface DefinitionArtifact {
  kind: string;
  name: string;
  path: string;
  hash: string;
  /** Canonical JSON text (or the original text when it was not JSON). */
  content: string;
}

/** The version an environment's gateways serve, and the release that activated it. */
export interface ActivePointer {
  version: string;
  releaseId: string;
}

// Rows per multi-row INSERT: few statements for a large bundle, well under either engine's parameter limit.
const rowsPerInsert = 100;

/**
 * Writes a version's bundle into the environment database as a staged set, in one atomic batch. A version
 * already staged is left as it is: bundles are immutable.
 */
export async function stageVersion(envDb: Database, version: string, releaseId: string, artifacts: readonly DefinitionArtifact[], at: Date): Promise<void> {
  if (await isStaged(envDb, version)) return;
  const chunks = inChunks(artifacts, rowsPerInsert);
  await envDb.batch([
    ...chunks.map((chunk) => ({
      sql: `INSERT INTO blobs (hash, content) VALUES ${rowPlaceholders(chunk.length, 2)} ON CONFLICT DO NOTHING`,
      args: chunk.flatMap((a) => [a.hash, a.content]),
    })),
    ...chunks.map((chunk) => ({
      sql: `INSERT INTO staged_artifacts (version, kind, name, path, hash) VALUES ${rowPlaceholders(chunk.length, 5)} ON CONFLICT DO NOTHING`,
      args: chunk.flatMap((a) => [version, a.kind, a.name, a.path, a.hash]),
    })),
    {
      sql: 'INSERT INTO staged_sets (version, release_id, artifact_count, staged_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      args: [version, releaseId, artifacts.length, at.toISOString()],
    },
  ]);
}

/** Whether the environment database holds a version's staged set. */
export async function isStaged(envDb: Queryable, version: string): Promise<boolean> {
  const result = await envDb.execute({ sql: 'SELECT 1 FROM staged_sets WHERE version = ?', args: [version] });
  return result.rows.length > 0;
}

/** A staged version's artifacts, in path order. */
export async function readStagedSet(envDb: Queryable, version: string): Promise<DefinitionArtifact[]> {
  const result = await envDb.execute({
    sql: `SELECT s.kind, s.name, s.path, s.hash, b.content FROM staged_artifacts s JOIN blobs b ON b.hash = s.hash
          WHERE s.version = ? ORDER BY s.path`,
    args: [version],
  });
  return result.rows.map(definitionArtifactFromRow);
}

/** An artifact from a row with kind, name, path, hash and content columns. */
export function definitionArtifactFromRow(row: Row): DefinitionArtifact {
  return { kind: String(row.kind), name: String(row.name), path: String(row.path), hash: String(row.hash), content: String(row.content) };
}

/** The flip: one transaction records the activation and moves the active pointer to a staged version. */
export async function activateVersion(envDb: Database, version: string, releaseId: string, at: Date): Promise<void> {
  await envDb.batch([
    { sql: 'INSERT INTO activations (release_id, version, activated_at) VALUES (?, ?, ?)', args: [releaseId, version, at.toISOString()] },
    {
      sql: `INSERT INTO active_pointer (slot, version, release_id, activated_at) VALUES (1, ?, ?, ?)
            ON CONFLICT (slot) DO UPDATE SET version = excluded.version, release_id = excluded.release_id,
            activated_at = excluded.activated_at`,
      args: [version, releaseId, at.toISOString()],
    },
  ]);
}

/** The active pointer, or null before the first activation. */
export async function readActivePointer(envDb: Queryable): Promise<ActivePointer | null> {
  const result = await envDb.execute('SELECT version, release_id FROM active_pointer WHERE slot = 1');
  const row = result.rows[0];
  return row ? { version: String(row.version), releaseId: String(row.release_id) } : null;
}

/** Whether a release's flip committed: how recovery decides an interrupted release's outcome. */
export async function wasActivated(envDb: Queryable, releaseId: string): Promise<boolean> {
  const result = await envDb.execute({ sql: 'SELECT 1 FROM activations WHERE release_id = ?', args: [releaseId] });
  return result.rows.length > 0;
}
