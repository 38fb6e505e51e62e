import { isAtLeast, type Role } from './roles';

/** Environment tiers; each environment has one, which sets its default deploy role. */
export const tiers = ['development', 'staging', 'production'] as const;

export type Tier = (typeof tiers)[number];

/**
 * Who may do what: the seed's access-control table (PRODUCT.md §8) plus the management and audit rights the
 * spec adds. `pull-requests` covers recording PRs, proposing change sets, validating and reporting checks.
 * Deploying is listed per tier; an environment may raise or lower its own minimum with `deployRole`.
 */
export const roleMatrix = {
  'pull-requests': ['developer', 'maintainer', 'admin'],
  'create-version': ['maintainer', 'admin'],
  'deploy-development': ['developer', 'maintainer', 'admin'],
  'deploy-staging': ['maintainer', 'admin'],
  'deploy-production': ['admin'],
  'manage-users': ['admin'],
  'manage-environments': ['admin'],
  'manage-secrets': ['admin'],
  'read-audit': ['maintainer', 'admin'],
  'sign-audit-checkpoints': ['admin'],
  'read-reports': ['maintainer', 'admin'],
  read: ['developer', 'maintainer', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof roleMatrix;

/** Whether `role` may perform `action` according to the matrix. */
export function can(role: Role, action: Action): boolean {
  return (roleMatrix[action] as readonly Role[]).includes(role);
}

/** What an environment tells the matrix: its tier and, optionally, the minimum role that may deploy to it. */
export interface DeployTarget {
  tier: Tier;
  deployRole?: Role | null;
}

/** The least privileged role the matrix lets deploy to a tier. */
export function defaultDeployRole(tier: Tier): Role {
  const allowed: readonly Role[] = roleMatrix[`deploy-${tier}`];
  // Every deploy row admits admin, so the first entry always exists.
  return allowed[0] ?? 'admin';
}

/**
 * Whether `role` may deploy to the environment. Rollback and promote use the same right on their target
 * environment, so callers ask this for all three release kinds.
 */
export function canDeployTo(role: Role, target: DeployTarget): boolean {
  return isAtLeast(role, target.deployRole ?? defaultDeployRole(target.tier));
}
