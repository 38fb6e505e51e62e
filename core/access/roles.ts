/** The roles of PRODUCT.md §8, least privileged first. */
export const roles = ['developer', 'maintainer', 'admin'] as const;

export type Role = (typeof roles)[number];

/** Whether a string names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Whether `role` has at least the privileges of `minimum` (roles are strictly ordered). */
export function isAtLeast(role: Role, minimum: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(minimum);
}
