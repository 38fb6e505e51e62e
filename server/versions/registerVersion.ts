import type { ChangeSet, PullRequest } from '../../core/api/changeSet';
import type { Version, VersionCreate } from '../../core/api/version';
import { diffSnapshots } from '../../core/diff/diffSnapshots';
import { declaredBump } from '../../core/versioning/declaredBump';
import type { AuthUser } from '../appEnv';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { BadRequestError, ConflictError, NotFoundError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import { isUniqueViolation } from '../store/constraintErrors';
import type { Queryable } from '../store/database';
import { inChunks, placeholderList, rowPlaceholders } from '../store/placeholders';
import { buildBundle, snapshotOf, type Bundle } from './buildBundle';
import { findVersion, readSnapshot, semverPredecessor } from './versionStore';

// Artifact rows per INSERT: a 200-artifact bundle in two statements, under either engine's parameter limit.
const rowsPerInsert = 100;

/** What registering a tag did: created it, or found it already registered with the same content. */
export interface Registration {
  version: Version;
  created: boolean;
}

/**
 * Registers an immutable version: validates its artifacts on the server, infers its bump against its semver
 * predecessor, and stores bundle, change-set links and the `version.created` audit event in one transaction.
 * The same tag with the same commit and artifacts is idempotent; anything different is a 409.
 */
export async function registerVersion(deps: ServiceDeps, user: AuthUser, request: VersionCreate): Promise<Registration> {
  const seen = new Set<string>();
  const duplicate = request.artifacts.find((a) => seen.size === seen.add(a.path).size);
  if (duplicate) throw new BadRequestError(`artifact path ${duplicate.path} appears twice`, { path: duplicate.path }, 'duplicate_path');
  const bundle = buildBundle(request.artifacts);
  const existing = await sameOrConflict(deps, request, bundle);
  if (existing) return { version: existing, created: false };

  const previousTag = await semverPredecessor(deps.db, request.tag);
  const previous = previousTag ? await readSnapshot(deps.db, previousTag) : [];
  const diff = diffSnapshots(previous, snapshotOf(bundle));
  const inferred = diff.bump;
  const declared = declaredBump(previousTag ?? undefined, request.tag);
  const changeSets = [...new Set(request.changeSets ?? [])];
  const at = deps.clock();

  try {
    await deps.db.transaction(async (tx) => {
      const linked = await linkedChangeSets(tx, changeSets);
      await tx.execute({
        sql: `INSERT INTO versions (tag, commit_id, message, created_by, created_at, valid, inferred_bump, declared_bump, previous_tag, content_hash)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [request.tag, request.commit, request.message ?? null, user.name, at.toISOString(), bundle.valid ? 1 : 0, inferred, declared, previousTag, bundle.hash],
      });
      const positioned = bundle.artifacts.map((artifact, position) => ({ artifact, position }));
      for (const chunk of inChunks(positioned, rowsPerInsert)) {
        await tx.execute({
          sql: `INSERT INTO version_artifacts (tag, position, kind, name, path, hash, content, diagnostics) VALUES ${rowPlaceholders(chunk.length, 8)}`,
          args: chunk.flatMap(({ artifact: a, position }) => [request.tag, position, a.kind, a.name, a.path, a.hash, a.content, JSON.stringify(a.diagnostics)]),
        });
      }
      for (const id of changeSets) await tx.execute({ sql: 'INSERT INTO version_change_sets (tag, change_set_id) VALUES (?, ?)', args: [request.tag, id] });
      await appendAuditEvent(
        tx,
        auditEventInput({
          actor: user.name,
          action: 'version.created',
          version: request.tag,
          outcome: bundle.valid ? 'valid' : 'invalid',
          details: {
            commit: request.commit,
            message: request.message ?? null,
            changeSets: linked.map(({ id, name }) => ({ id, name })),
            pullRequests: linked.flatMap((changeSet) => changeSet.pullRequests.map(({ number, title, author }) => ({ number, title, author }))),
            // The descriptions only: whole prompt texts would bloat every version's audit event.
            changes: diff.changes.map(({ before: _before, after: _after, ...change }) => change),
            inferredBump: inferred,
            declaredBump: declared,
            previousVersion: previousTag,
            artifactCount: bundle.artifacts.length,
          },
        }),
        at,
      );
    });
  } catch (error) {
    // Another request registered the tag first: answer as if it had come first.
    if (isUniqueViolation(error)) {
      const raced = await sameOrConflict(deps, request, bundle);
      if (raced) return { version: raced, created: false };
    }
    throw error;
  }
  const version = await findVersion(deps.db, request.tag);
  if (!version) throw new Error(`version ${request.tag} vanished after it was registered`);
  await deps.events.publish({ type: 'version.created', data: { tag: version.tag, valid: version.valid } });
  return { version, created: true };
}

async function sameOrConflict(deps: ServiceDeps, request: VersionCreate, bundle: Bundle): Promise<Version | null> {
  const stored = await deps.db.execute({ sql: 'SELECT commit_id, content_hash FROM versions WHERE tag = ?', args: [request.tag] });
  const row = stored.rows[0];
  if (!row) return null;
  const differences = [...(String(row.commit_id) !== request.commit ? ['commit'] : []), ...(String(row.content_hash) !== bundle.hash ? ['artifacts'] : [])];
  if (differences.length > 0) {
    throw new ConflictError('version_exists', `${request.tag} is already registered with a different ${differences.join(' and ')}`, {
      tag: request.tag,
      differences,
    });
  }
  return findVersion(deps.db, request.tag);
}

/** The named change sets with their pull requests, in the order given; 404 for one that does not exist. */
async function linkedChangeSets(tx: Queryable, ids: readonly string[]): Promise<Pick<ChangeSet, 'id' | 'name' | 'pullRequests'>[]> {
  if (ids.length === 0) return [];
  const result = await tx.execute({
    sql: `SELECT id, name, pull_requests FROM change_sets WHERE id IN (${placeholderList(ids.length)})`,
    args: [...ids],
  });
  const found = new Map(result.rows.map((row) => [String(row.id), row]));
  return ids.map((id) => {
    const row = found.get(id);
    if (!row) throw new NotFoundError('changeSet', id);
    return { id, name: String(row.name), pullRequests: JSON.parse(String(row.pull_requests)) as PullRequest[] };
  });
}
