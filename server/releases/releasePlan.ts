import type { DryRun } from '../../core/api/release';
import type { Version } from '../../core/api/version';
import type { Database } from '../store/database';
import { findVersion } from '../versions/versionStore';

/** The artifact-level plan of deploying `version` over `activeVersion`: added, changed and removed by kind and name. */
export async function releasePlan(db: Database, version: Version, activeVersion: string | null): Promise<DryRun['plan']> {
  const active = activeVersion ? await findVersion(db, activeVersion) : null;
  const key = (a: { kind: string; name: string }) => `${a.kind}/${a.name}`;
  const before = new Map((active?.artifacts ?? []).map((a) => [key(a), a]));
  const after = new Map(version.artifacts.map((a) => [key(a), a]));
  const entry = (a: { kind: string; name: string; hash: string }) => ({ kind: a.kind, name: a.name, hash: a.hash });
  return {
    added: version.artifacts.filter((a) => !before.has(key(a))).map(entry),
    changed: version.artifacts.filter((a) => before.has(key(a)) && before.get(key(a))?.hash !== a.hash).map(entry),
    removed: (active?.artifacts ?? []).filter((a) => !after.has(key(a))).map(entry),
  };
}
