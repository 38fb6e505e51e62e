import type { AuditEvent, AuditQuery } from '../../core/api/audit';
import { can } from '../../core/access/roleMatrix';
import { periods, type AuditPanelFilters } from '../../webviews/audit/filters';
import type { AuditState } from '../../webviews/audit/protocol';
import type { ForgeConnection } from '../session/forgeSession';
import { auditRow } from './auditNote';

/** The most events the panel loads at once (five pages); past that it asks for narrower filters. */
const maxEvents = 5000;
const pageSize = 1000;

/** The `GET /api/audit` filters the panel's filters select, `start` from the period counted back from `now`. */
export function auditQueryOf(filters: AuditPanelFilters, now: Date): Partial<Omit<AuditQuery, 'format' | 'limit' | 'cursor'>> {
  const days = periods.find((period) => period.value === filters.period)?.days ?? null;
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.environment ? { environment: filters.environment } : {}),
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.releaseId ? { releaseId: filters.releaseId } : {}),
    ...(days !== null ? { start: new Date(now.getTime() - days * 86_400_000).toISOString() } : {}),
  };
}

/** Reads the events the filters select (newest first), the chain's verdict and the filters' choices. */
export async function loadAuditLog(connection: ForgeConnection | undefined, filters: AuditPanelFilters, now = new Date()): Promise<AuditState> {
  const empty: AuditState = { me: null, filters, environments: [], actors: [], chain: null, events: [], truncated: false, problem: null, loadedAt: now.toISOString() };
  if (!connection) return { ...empty, problem: 'Not signed in: run "Forge: Sign In" to read the audit log.' };
  const { client, me } = connection;
  if (!can(me.role, 'read-audit'))
    return { ...empty, me, problem: `The audit trail is readable by maintainers and admins; you are signed in as ${me.name} (${me.role}).` };
  try {
    const [{ events, truncated }, environments, verification, users] = await Promise.all([
      readEvents(connection, filters, now),
      client.listEnvironments(),
      client.verifyAudit(),
      can(me.role, 'manage-users') ? client.listAllUsers().then((list) => list.map((user) => user.name)) : Promise.resolve([]),
    ]);
    const actors = [...new Set([...users, 'system', ...events.map((event) => event.actor), ...(filters.actor ? [filters.actor] : [])])].sort();
    return {
      ...empty,
      me,
      environments: environments.map((environment) => environment.name),
      actors,
      chain: {
        ok: verification.ok,
        count: verification.count,
        brokenAt: verification.brokenAt ? { seq: verification.brokenAt.seq, reason: verification.brokenAt.reason } : null,
      },
      events: events.reverse().map(auditRow),
      truncated,
    };
  } catch (error) {
    return { ...empty, me, problem: `The audit log could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The matching events in time order, page by page up to `maxEvents`. */
async function readEvents({ client }: ForgeConnection, filters: AuditPanelFilters, now: Date): Promise<{ events: AuditEvent[]; truncated: boolean }> {
  const query = auditQueryOf(filters, now);
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.queryAudit({ ...query, limit: pageSize, ...(cursor ? { cursor } : {}) });
    events.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && events.length < maxEvents);
  return { events, truncated: cursor !== undefined };
}
