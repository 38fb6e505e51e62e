import type { Evaluation } from '../../core/api/evaluation';
import type { Check } from '../../core/api/version';
import type { PipelineState } from '../../webviews/pipeline/protocol';
import type { ForgeConnection } from '../session/forgeSession';
import { pipelineModel, shownVersions, versionsNeedingChecks, versionsNeedingEvaluations } from './pipelineModel';

/** Each environment's releases the pipeline reads (newest first); older ones are history the cells do not need. */
const releasesPerEnvironment = 200;

/** Reads the environments, versions, releases, waiting approvals, candidate checks and evaluations, and builds the pipeline. */
export async function loadPipeline(connection: ForgeConnection | undefined, now = new Date()): Promise<PipelineState> {
  const loadedAt = now.toISOString();
  if (!connection)
    return {
      me: null,
      environments: [],
      versions: [],
      moreVersions: false,
      canCreateVersion: false,
      problem: 'Not signed in: run "Forge: Sign In" to see the pipeline.',
      loadedAt,
    };
  const { client, me } = connection;
  try {
    const [environments, versionPage, approvals] = await Promise.all([
      client.listEnvironments(),
      client.listVersions({ limit: 100 }),
      client.listApprovals({ status: 'waiting', limit: 100 }),
    ]);
    const releases = new Map(
      await Promise.all(
        environments.map(
          async (environment) => [environment.name, (await client.listReleases({ environment: environment.name, limit: releasesPerEnvironment })).items] as const,
        ),
      ),
    );
    const shown = shownVersions(versionPage.items).map((version) => version.tag);
    const checks = new Map<string, Check[]>(
      await Promise.all(versionsNeedingChecks(environments, releases, shown).map(async (tag) => [tag, await client.listChecks(tag)] as const)),
    );
    const evaluations = new Map<string, Evaluation[]>(
      await Promise.all(
        versionsNeedingEvaluations(environments, releases, shown).map(async (tag) => [tag, (await client.listEvaluations(tag, { limit: 500 })).items] as const),
      ),
    );
    const model = pipelineModel({ me, environments, versions: versionPage.items, releases, approvals: approvals.items, checks, evaluations, now });
    return { ...model, moreVersions: model.moreVersions || versionPage.nextCursor !== null, problem: null, loadedAt };
  } catch (error) {
    return {
      me,
      environments: [],
      versions: [],
      moreVersions: false,
      canCreateVersion: false,
      problem: `The pipeline could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      loadedAt,
    };
  }
}
