import { artifactCategory } from '../../../core/artifacts/artifactCategory';
import { asObject, field } from '../../../core/json/jsonObject';
import { canonicalJson } from '../../../core/json/canonicalJson';
import type { DefinitionArtifact } from '../../environments/environmentDefinitions';
import type { PlannerMetadata, PlannerRegistration } from './marieRegistry';

/*
 * How Forge's planners look on a Marie-AI gateway. Each workflow artifact becomes a planner under the workflow's
 * own name (Marie picks its layout mapper by that name), at the version's tag, with three tags of Forge's that
 * tell its planners apart from any other: `forge`, `forge-env:<environment>` and `forge-version:<tag>`. Only
 * planners carrying the first two for the environment are Forge's there; no other planner is ever deleted.
 */

const forgeTag = 'forge';
const environmentTag = (environment: string) => `forge-env:${environment}`;
const versionTag = (version: string) => `forge-version:${version}`;
const reservedTag = /^forge($|-env:|-version:)/;

/** The planners `version`'s workflows register as in `environment`; agents and processors have no place on Marie. */
export function forgePlanners(environment: string, version: string | null, artifacts: readonly DefinitionArtifact[]): PlannerRegistration[] {
  if (version === null) return [];
  return artifacts
    .filter((artifact) => artifact.kind === 'workflow')
    .map((artifact) => {
      const envelope = asObject(parse(artifact.content));
      const description = field(envelope, 'description');
      const ownTags = field(envelope, 'tags');
      const tags = Array.isArray(ownTags) ? ownTags.filter((tag): tag is string => typeof tag === 'string' && !reservedTag.test(tag)) : [];
      return {
        name: artifact.name,
        version,
        description: typeof description === 'string' ? description : undefined,
        category: artifactCategory(envelope),
        plan: field(asObject(field(envelope, 'spec')), 'plan'),
        tags: [...new Set([...tags, forgeTag, environmentTag(environment), versionTag(version)])],
      };
    });
}

/** Whether a registered planner is one Forge published for `environment` (the only ones it may replace or remove). */
export function isForgePlanner(planner: PlannerMetadata, environment: string): boolean {
  const tags = planner.tags ?? [];
  return tags.includes(forgeTag) && tags.includes(environmentTag(environment));
}

/** Whether a registered planner is exactly `wanted`: the version label, Forge's version tag and the plan as sent. */
export function isPublishedAs(planner: PlannerMetadata, wanted: PlannerRegistration): boolean {
  return (
    planner.version === wanted.version &&
    (planner.tags ?? []).includes(versionTag(wanted.version)) &&
    canonicalJson(planner.plan_definition ?? null) === canonicalJson(wanted.plan ?? null)
  );
}

function parse(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return undefined;
  }
}
