import { randomUUID } from 'node:crypto';
import type { ChangeSet, ChangeSetCreate } from '../../core/api/changeSet';
import type { Page, PageQuery } from '../../core/api/page';
import type { AuthUser } from '../appEnv';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import type { ServiceDeps } from '../serviceDeps';
import type { Queryable, Row } from '../store/database';
import { pageBySeq } from '../store/pageBySeq';
import { placeholderList } from '../store/placeholders';

const columns = 'seq, id, name, pull_requests, artifacts, created_by, created_at';

/** Stores a change set and audits `changeset.created` in one transaction. */
export async function createChangeSet(deps: ServiceDeps, user: AuthUser, request: ChangeSetCreate): Promise<ChangeSet> {
  const id = randomUUID();
  const at = deps.clock();
  await deps.db.transaction(async (tx) => {
    await tx.execute({
      sql: `INSERT INTO change_sets (id, name, pull_requests, artifacts, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      args: [id, request.name, JSON.stringify(request.pullRequests), JSON.stringify(request.artifacts ?? []), user.name, at.toISOString()],
    });
    await appendAuditEvent(
      tx,
      auditEventInput({
        actor: user.name,
        action: 'changeset.created',
        outcome: 'success',
        details: { changeSetId: id, name: request.name, pullRequests: request.pullRequests.map((pr) => pr.number), artifacts: request.artifacts ?? [] },
      }),
      at,
    );
  });
  const created = await findChangeSet(deps.db, id);
  if (!created) throw new Error(`change set ${id} vanished after it was written`);
  return created;
}

/** One change set with the versions that include it, or null. */
export async function findChangeSet(db: Queryable, id: string): Promise<ChangeSet | null> {
  const result = await db.execute({ sql: `SELECT ${columns} FROM change_sets WHERE id = ?`, args: [id] });
  return (await withVersions(db, result.rows))[0] ?? null;
}

/** Change sets, newest first. */
export async function listChangeSets(db: Queryable, query: PageQuery): Promise<Page<ChangeSet>> {
  const { rows, nextCursor } = await pageBySeq(db, `SELECT ${columns} FROM change_sets`, [], query);
  return { items: await withVersions(db, rows), nextCursor };
}

async function withVersions(db: Queryable, rows: readonly Row[]): Promise<ChangeSet[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => String(row.id));
  const links = await db.execute({
    sql: `SELECT change_set_id, tag FROM version_change_sets WHERE change_set_id IN (${placeholderList(ids.length)}) ORDER BY tag`,
    args: ids,
  });
  return rows.map((row) => ({
    id: String(row.id),
    name: String(row.name),
    pullRequests: JSON.parse(String(row.pull_requests)) as ChangeSet['pullRequests'],
    artifacts: JSON.parse(String(row.artifacts)) as ChangeSet['artifacts'],
    createdBy: String(row.created_by),
    createdAt: String(row.created_at),
    versions: links.rows.filter((l) => String(l.change_set_id) === String(row.id)).map((l) => String(l.tag)),
  }));
}
