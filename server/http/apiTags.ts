/**
 * The groups the API's operations are listed under in `/api/openapi.json`, each with what it holds. A route's
 * tag must be one of these (the type of `documentedRoute` says so), so the document never names an undeclared tag.
 */
export const apiTags = {
  versions: 'Registered versions of the workflow repository: their artifacts, semver-aware diffs and CI check reports',
  'change sets': 'Named groups of merged pull requests a version ships',
  environments: 'The promotion chain: each environment, its gates, approval policy, variables and gateways, and the promote, rollback and reconcile actions',
  releases: 'Deploys, promotions and rollbacks of a version into an environment, with their gate verdicts, approvals and outcome',
  approvals: "Reviewers' decisions on releases that wait for approval",
  audit: 'The tamper-evident audit trail, its signed checkpoints and the compliance reports built from it',
  users: 'Users, their roles and API tokens',
  events: 'Live events of releases, approvals and environments (server-sent events)',
  repository: "The watched git repository's push webhook",
  observability: 'Health and Prometheus metrics',
} as const;

export type ApiTag = keyof typeof apiTags;

/** The document's `tags`: every declared tag with its description, in the order above. */
export function openApiTags(): { name: ApiTag; description: string }[] {
  return Object.entries(apiTags).map(([name, description]) => ({ name: name as ApiTag, description }));
}
