import { isReviewer, type ApprovalPolicy, type ApprovalUser } from '../approvals/approvalPolicy';
import { can, canDeployTo, type DeployTarget } from './roleMatrix';

/** What the signed-in user may do to one environment; the tree view turns these into `contextValue` flags. */
export interface EnvironmentCapabilities {
  canDeploy: boolean;
  canPromote: boolean;
  canRollback: boolean;
  canApprove: boolean;
  canConfigure: boolean;
}

/** The environment fields capabilities depend on. */
export interface CapabilityTarget extends DeployTarget {
  approvalPolicy?: ApprovalPolicy | null;
}

/**
 * Derives the capability flags from the role matrix: deploy, promote and rollback all need the deploy right of
 * the environment; approving needs to be one of its reviewers; configuring it is admin only.
 */
export function environmentCapabilities(user: ApprovalUser, environment: CapabilityTarget): EnvironmentCapabilities {
  const deploy = canDeployTo(user.role, environment);
  return {
    canDeploy: deploy,
    canPromote: deploy,
    canRollback: deploy,
    canApprove: environment.approvalPolicy ? isReviewer(user, environment.approvalPolicy) : false,
    canConfigure: can(user.role, 'manage-environments'),
  };
}

/** A tree item `contextValue` such as `forge:environment+canDeploy+canRollback`, for anchored when-clause regexes. */
export function capabilityContextValue(base: string, capabilities: EnvironmentCapabilities): string {
  const flags = (Object.keys(capabilities) as (keyof EnvironmentCapabilities)[]).filter((flag) => capabilities[flag]);
  return [base, ...flags].join('+');
}
