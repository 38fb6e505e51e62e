import type { Client, Row } from '@libsql/client';

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

/**
 * Writes a version's bundle into the environment database as a staged set, in one atomic batch. A version
 * already staged is left as it is: bundles are immutable.
 */
export async function stageVersion(
  envDb: Client,
  version: string,
  releaseId: string,
  artifacts: readonly DefinitionArtifact[],
  at: Date,
): Promise<void> {
  if (await isStaged(envDb, version)) return;
  await envDb.batch(
    [
      ...artifacts.map((a) => ({ sql: 'INSERT OR IGNORE INTO blobs (hash, content) VALUES (?, ?)', args: [a.hash, a.content] })),
      ...artifacts.map((a) => ({
        sql: 'INSERT OR IGNORE INTO staged_artifacts (version, kind, name, path, hash) VALUES (?, ?, ?, ?, ?)',
        args: [version, a.kind, a.name, a.path, a.hash],
      })),
      {
        sql: 'INSERT OR IGNORE INTO staged_sets (version, release_id, artifact_count, staged_at) VALUES (?, ?, ?, ?)',
        args: [version, releaseId, artifacts.length, at.toISOString()],
      },
    ],
    'write',
  );
}

/** Whether the environment database holds a version's staged set. */
export async function isStaged(envDb: Client, version: string): Promise<boolean> {
  const result = await envDb.execute({ sql: 'SELECT 1 FROM staged_sets WHERE version = ?', args: [version] });
  return result.rows.length > 0;
}

/** A staged version's artifacts, in path order. */
export async function readStagedSet(envDb: Client, version: string): Promise<DefinitionArtifact[]> {
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
export async function activateVersion(envDb: Client, version: string, releaseId: string, at: Date): Promise<void> {
  await envDb.batch(
    [
      { sql: 'INSERT INTO activations (release_id, version, activated_at) VALUES (?, ?, ?)', args: [releaseId, version, at.toISOString()] },
      {
        sql: `INSERT INTO active_pointer (slot, version, release_id, activated_at) VALUES (1, ?, ?, ?)
              ON CONFLICT (slot) DO UPDATE SET version = excluded.version, release_id = excluded.release_id,
              activated_at = excluded.activated_at`,
        args: [version, releaseId, at.toISOString()],
      },
    ],
    'write',
  );
}

/** The active pointer, or null before the first activation. */
export async function readActivePointer(envDb: Client): Promise<ActivePointer | null> {
  const result = await envDb.execute('SELECT version, release_id FROM active_pointer WHERE slot = 1');
  const row = result.rows[0];
  return row ? { version: String(row.version), releaseId: String(row.release_id) } : null;
}

/** Whether a release's flip committed: how recovery decides an interrupted release's outcome. */
export async function wasActivated(envDb: Client, releaseId: string): Promise<boolean> {
  const result = await envDb.execute({ sql: 'SELECT 1 FROM activations WHERE release_id = ?', args: [releaseId] });
  return result.rows.length > 0;
}
