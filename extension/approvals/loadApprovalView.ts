import type { Approval } from '../../core/api/approval';
import type { ChangeSet } from '../../core/api/changeSet';
import type { Release } from '../../core/api/release';
import type { VersionDiff } from '../../core/api/version';
import { ForgeApiError } from '../../client/forgeApiError';
import type { ApprovalViewState } from '../../webviews/approval/messages';
import type { ForgeConnection } from '../session/forgeSession';
import { decisionAvailability } from './decisionAvailability';

/**
 * Reads everything the approval panel shows about one release: the release, its approval process, the
 * version's change sets and the DAG diff against the version active before it. Parts that fail to load are
 * named in `problem`; the rest still shows.
 */
export async function loadApprovalView(connection: ForgeConnection | undefined, releaseId: string, now = new Date()): Promise<ApprovalViewState> {
  const empty = { releaseId, me: null, release: null, approval: null, changeSets: [], replaces: null, diff: null, loadedAt: now.toISOString() };
  if (!connection) {
    return { ...empty, decision: decisionAvailability(null, null, null, now), problem: 'Not signed in: run "Forge: Sign In" to see this release.' };
  }
  const { client, me } = connection;
  let release: Release;
  try {
    release = await client.getRelease(releaseId);
  } catch (error) {
    const problem = isNotFound(error) ? `There is no release ${releaseId} on ${connection.serverUrl}.` : `The release could not be loaded: ${messageOf(error)}`;
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
  const [approval, replaces, changeSets] = await Promise.all([
    release.approval === 'not-required' ? Promise.resolve(null) : attempt<Approval | null>('The approval', () => client.getApproval(releaseId), null),
    attempt<string | null>('The environment', () => replacedVersion(connection, release), release.previousVersion),
    attempt<ChangeSet[]>('The change sets', () => loadChangeSets(connection, release.version), []),
  ]);
  // The diff a reviewer needs is against what the environment runs now, which this release replaces.
  const diff = await attempt<VersionDiff | null>('The diff', () => client.diffVersion(release.version, replaces ?? undefined), null);
  return {
    ...empty,
    me,
    release,
    approval,
    replaces,
    diff,
    changeSets,
    decision: decisionAvailability(me, release, approval, now),
    problem: problems.length > 0 ? problems.join(' ') : null,
  };
}

/**
 * The version the release replaces: recorded on the release once it starts; until then, the one its
 * environment runs now.
 */
async function replacedVersion({ client }: ForgeConnection, release: Release): Promise<string | null> {
  if (release.previousVersion !== null || release.status !== 'pending') return release.previousVersion;
  return (await client.getEnvironment(release.environment)).activeVersion;
}

async function loadChangeSets({ client }: ForgeConnection, tag: string): Promise<ChangeSet[]> {
  const version = await client.getVersion(tag);
  return Promise.all(version.changeSets.map((id) => client.getChangeSet(id)));
}

function isNotFound(error: unknown): boolean {
  return error instanceof ForgeApiError && error.status === 404;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
