/** The quality gates of PRODUCT.md §6. */
export const gateNames = ['validation', 'promotion-order', 'required-checks', 'semver-policy', 'freeze', 'approvals'] as const;

export type GateName = (typeof gateNames)[number];

/** One gate's verdict on a release, with the reason a person reads in the 422 response or the dry run. */
export interface GateResult {
  gate: GateName;
  passed: boolean;
  reason: string;
}
