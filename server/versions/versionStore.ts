import type { ArtifactKind } from '../../core/artifacts/artifactKind';
import type { Page, PageQuery } from '../../core/api/page';
import type { Version } from '../../core/api/version';
import type { SnapshotArtifact } from '../../core/diff/diffSnapshots';
import { findPredecessorTag } from '../../core/versioning/predecessorTag';
import { definitionArtifactFromRow, type DefinitionArtifact } from '../environments/environmentDefinitions';
import type { Queryable, Row } from '../store/database';
import { pageBySeq } from '../store/pageBySeq';
import { placeholderList } from '../store/placeholders';

const columns = 'seq, tag, commit_id, message, created_by, created_at, valid, inferred_bump, declared_bump, previous_tag, content_hash';

/** A registered version with its bundle's metadata, or null. */
export async function findVersion(db: Queryable, tag: string): Promise<Version | null> {
  const result = await db.execute({ sql: `SELECT ${columns} FROM versions WHERE tag = ?`, args: [tag] });
  const row = result.rows[0];
  if (!row) return null;
  return (await withDetails(db, [row]))[0] ?? null;
}

/** Versions, newest registration first. */
export async function listVersions(db: Queryable, query: PageQuery): Promise<Page<Version>> {
  const { rows, nextCursor } = await pageBySeq(db, `SELECT ${columns} FROM versions`, [], query);
  return { items: await withDetails(db, rows), nextCursor };
}

/** The highest registered tag lower than `tag` by semver precedence, or null. */
export async function semverPredecessor(db: Queryable, tag: string): Promise<string | null> {
  const result = await db.execute('SELECT tag FROM versions');
  return (
    findPredecessorTag(
      tag,
      result.rows.map((row) => String(row.tag)),
    ) ?? null
  );
}

/** A version's artifacts with their stored (canonical) content, in path order. */
export async function readBundle(db: Queryable, tag: string): Promise<DefinitionArtifact[]> {
  const result = await db.execute({
    sql: 'SELECT kind, name, path, hash, content FROM version_artifacts WHERE tag = ? ORDER BY path',
    args: [tag],
  });
  return result.rows.map(definitionArtifactFromRow);
}

/** A version's artifacts parsed for the DAG diff; files that are not JSON are left out. */
export async function readSnapshot(db: Queryable, tag: string): Promise<SnapshotArtifact[]> {
  const bundle = await readBundle(db, tag);
  return bundle.flatMap((artifact) => {
    try {
      return [{ kind: artifact.kind as ArtifactKind, name: artifact.name, path: artifact.path, content: JSON.parse(artifact.content) as unknown }];
    } catch {
      return [];
    }
  });
}

async function withDetails(db: Queryable, rows: readonly Row[]): Promise<Version[]> {
  if (rows.length === 0) return [];
  const tags = rows.map((row) => String(row.tag));
  const placeholders = placeholderList(tags.length);
  const [artifacts, changeSets] = await Promise.all([
    db.execute({
      sql: `SELECT tag, kind, name, path, hash, diagnostics FROM version_artifacts WHERE tag IN (${placeholders}) ORDER BY position`,
      args: tags,
    }),
    db.execute({
      sql: `SELECT tag, change_set_id FROM version_change_sets WHERE tag IN (${placeholders}) ORDER BY change_set_id`,
      args: tags,
    }),
  ]);
  return rows.map((row) => {
    const tag = String(row.tag);
    return {
      tag,
      commit: String(row.commit_id),
      message: row.message === null ? null : String(row.message),
      createdBy: String(row.created_by),
      createdAt: String(row.created_at),
      valid: Number(row.valid) === 1,
      inferredBump: String(row.inferred_bump) as Version['inferredBump'],
      declaredBump: String(row.declared_bump) as Version['declaredBump'],
      previousTag: row.previous_tag === null ? null : String(row.previous_tag),
      changeSets: changeSets.rows.filter((c) => String(c.tag) === tag).map((c) => String(c.change_set_id)),
      artifacts: artifacts.rows
        .filter((a) => String(a.tag) === tag)
        .map((a) => ({
          kind: String(a.kind) as ArtifactKind,
          name: String(a.name),
          path: String(a.path),
          hash: String(a.hash),
          diagnostics: JSON.parse(String(a.diagnostics)) as Version['artifacts'][number]['diagnostics'],
        })),
      contentHash: String(row.content_hash),
    };
  });
}
