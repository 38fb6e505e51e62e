import type { VersionDiff } from '../../core/api/version';
import { diffSnapshots } from '../../core/diff/diffSnapshots';
import { NotFoundError } from '../errors';
import type { Database } from '../store/database';
import { findVersion, readSnapshot, semverPredecessor } from './versionStore';

/** The DAG-aware diff of a version against another (default: its semver predecessor among registered versions). */
export async function diffVersions(db: Database, tag: string, against: string | undefined): Promise<VersionDiff> {
  if (!(await findVersion(db, tag))) throw new NotFoundError('version', tag);
  if (against !== undefined && !(await findVersion(db, against))) throw new NotFoundError('version', against);
  const base = against ?? (await semverPredecessor(db, tag));
  const diff = diffSnapshots(base ? await readSnapshot(db, base) : [], await readSnapshot(db, tag));
  return { version: tag, against: base, inferredBump: diff.bump, changes: diff.changes };
}
