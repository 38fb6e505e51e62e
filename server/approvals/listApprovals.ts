import type { Approval, ApprovalListQuery } from '../../core/api/approval';
import type { Page } from '../../core/api/page';
import type { AuthUser } from '../appEnv';
import { releaseColumnsAs, releasesFromPrefixedRows } from '../releases/releaseStore';
import type { ServiceDeps } from '../serviceDeps';
import { pageBySeq } from '../store/pageBySeq';
import { decisionsOf, findApprovalRequests } from './approvalStore';
import { approvalView } from './approvalView';

/**
 * `GET /api/approvals`: the approval processes in one state (default `waiting`), newest first, each with its
 * progress, expiry and whether `user` may decide on it.
 */
export async function listApprovals(deps: ServiceDeps, user: AuthUser, query: ApprovalListQuery): Promise<Page<Approval>> {
  const filters: [string, string][] = [['r.approval = ?', query.status]];
  if (query.environment) filters.push(['r.environment = ?', query.environment]);
  const { rows, nextCursor } = await pageBySeq(
    deps.db,
    `SELECT r.seq AS seq, ${releaseColumnsAs('r', 'r_')} FROM releases r JOIN release_approval_requests a ON a.release_id = r.id`,
    filters,
    query,
  );
  const releases = await releasesFromPrefixedRows(deps.db, rows, 'r_');
  const requests = await findApprovalRequests(
    deps.db,
    releases.map((release) => release.id),
  );
  const requesters = new Map(rows.map((row) => [String(row.r_id), String(row.r_requested_by_id)]));
  const now = deps.clock();
  const items: Approval[] = [];
  for (const release of releases) {
    const request = requests.get(release.id);
    if (!request) continue;
    const subject = { release, requestedById: requesters.get(release.id) ?? '' };
    items.push(approvalView(subject, request, await decisionsOf(deps.db, release.id), user, now));
  }
  return { items, nextCursor };
}
