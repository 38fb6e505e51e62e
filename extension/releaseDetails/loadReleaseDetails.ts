import type { Approval } from '../../core/api/approval';
import type { ChangeSet } from '../../core/api/changeSet';
import type { Environment } from '../../core/api/environment';
import type { GateRecheckAnswer, Release } from '../../core/api/release';
import type { VersionDiff } from '../../core/api/version';
import { environmentCapabilities } from '../../core/access/capabilities';
import { ForgeApiError } from '../../client/forgeApiError';
import type { DiffView, ReleaseDetailsState } from '../../webviews/release/protocol';
import { auditRow } from '../audit/auditNote';
import type { ForgeConnection } from '../session/forgeSession';
import { decisionAvailability } from './decisionAvailability';
import { gateViews } from './gateViews';
import { releaseTimeline } from './releaseTimeline';
import { wordDiff } from './wordDiff';

/**
 * Reads everything the release details panel shows about one release: the release, its environment, its
 * approval process, its gates as they stand now while it is pending, the version's change sets, the DAG diff
 * against the version it replaces and its audit events. Parts that fail to load are named in `problem`; the rest still shows.
 */
export async function loadReleaseDetails(connection: ForgeConnection | undefined, releaseId: string, now = new Date()): Promise<ReleaseDetailsState> {
  const empty: ReleaseDetailsState = {
    releaseId,
    me: null,
    release: null,
    environment: null,
    approval: null,
    replaces: null,
    timeline: [],
    gates: [],
    evaluation: null,
    recheck: null,
    diff: null,
    changeSets: [],
    audit: { events: [], unavailable: null },
    decision: decisionAvailability(null, null, null, now),
    rollbackTo: null,
    problem: null,
    loadedAt: now.toISOString(),
  };
  if (!connection) return { ...empty, problem: 'Not signed in: run "Forge: Sign In" to see this release.' };
  const { client, me } = connection;
  let release: Release;
  try {
    release = await client.getRelease(releaseId);
  } catch (error) {
    const problem = isStatus(error, 404) ? `There is no release ${releaseId} on ${connection.serverUrl}.` : `The release could not be loaded: ${messageOf(error)}`;
    return { ...empty, me, decision: decisionAvailability(me, null, null, now), problem };
  }

  const problems: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      problems.push(`${what} could not be loaded: ${messageOf(error)}`);
      return fallback;
    }
  };
  const [approval, environment, changeSets, audit, recheck] = await Promise.all([
    release.approval === 'not-required' ? Promise.resolve(null) : attempt<Approval | null>('The approval', () => client.getApproval(releaseId), null),
    attempt<Environment | null>('The environment', () => client.getEnvironment(release.environment), null),
    attempt<ChangeSet[]>('The change sets', () => loadChangeSets(connection, release.version), []),
    loadAudit(connection, releaseId),
    // A pending release's gates as they stand now: what reviewers decide on.
    release.status === 'pending' ? attempt<GateRecheckAnswer | null>('The gates as they stand now', () => client.recheckGates(releaseId), null) : Promise.resolve(null),
  ]);
  // Recorded on the release once it starts; until then, what its environment runs now.
  const replaces = release.previousVersion ?? (release.status === 'pending' ? (environment?.activeVersion ?? null) : null);
  const diff = await attempt<VersionDiff | null>('The diff', () => client.diffVersion(release.version, replaces ?? undefined), null);
  const gates = gateViews(release, approval, recheck);
  const evaluation = (recheck?.gates ?? release.gates).find((gate) => gate.gate === 'evaluation')?.evaluation ?? null;
  const environmentView = environment
    ? { name: environment.name, tier: environment.tier, activeVersion: environment.activeVersion, gateways: environment.gateways.length }
    : null;
  const mayRollback = environment !== null && environmentCapabilities(me, environment).canRollback;
  return {
    ...empty,
    me,
    release,
    environment: environmentView,
    approval,
    replaces,
    timeline: releaseTimeline(release, approval, gates, environmentView),
    gates,
    evaluation,
    recheck: recheck && { checkedAt: recheck.checkedAt, changes: recheck.changes },
    diff: diff && diffView(diff),
    changeSets,
    audit,
    decision: decisionAvailability(me, release, approval, now, recheck?.changes),
    rollbackTo:
      mayRollback && release.status === 'succeeded' && environment.activeVersion !== release.version ? { environment: environment.name, version: release.version } : null,
    problem: problems.length > 0 ? problems.join(' ') : null,
  };
}

/** The diff with each changed text given word by word, and without the whole texts themselves. */
function diffView(diff: VersionDiff): DiffView {
  return {
    ...diff,
    changes: diff.changes.map(({ before, after, ...change }) => ({ ...change, words: before !== undefined && after !== undefined ? wordDiff(before, after) : null })),
  };
}

async function loadAudit({ client }: ForgeConnection, releaseId: string): Promise<ReleaseDetailsState['audit']> {
  try {
    const page = await client.queryAudit({ releaseId, limit: 200 });
    return { events: page.items.map(auditRow), unavailable: null };
  } catch (error) {
    const unavailable = isStatus(error, 403) ? 'Only maintainers and admins can read the audit trail.' : `The audit events could not be loaded: ${messageOf(error)}`;
    return { events: [], unavailable };
  }
}

async function loadChangeSets({ client }: ForgeConnection, tag: string): Promise<ChangeSet[]> {
  const version = await client.getVersion(tag);
  return Promise.all(version.changeSets.map((id) => client.getChangeSet(id)));
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof ForgeApiError && error.status === status;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
