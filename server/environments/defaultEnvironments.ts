import { defaultDeployRole, type Tier } from '../../core/access/roleMatrix';
import { defaultProductionApprovalPolicy } from '../../core/approvals/approvalPolicy';
import type { EnvironmentConfig } from './environmentRecord';

type ChainEntry = { name: string } & Omit<EnvironmentConfig, 'databaseUrl'>;

/** The seed's environment model: development → staging → production, with PRODUCT.md §6 default gates. */
export const defaultEnvironmentChain: readonly ChainEntry[] = [
  {
    name: 'development',
    tier: 'development',
    order: 1,
    purpose: 'Feature testing, experimentation',
    stability: 'Unstable',
    dataClass: 'Synthetic test data',
    gateways: [],
    reconcile: 'auto',
    gates: { validation: true },
    approvalPolicy: null,
    freezeWindows: [],
    deployRole: 'developer',
  },
  {
    name: 'staging',
    tier: 'staging',
    order: 2,
    purpose: 'Pre-production validation',
    stability: 'Stable',
    dataClass: 'Production-like data',
    gateways: [],
    reconcile: 'auto',
    gates: { validation: true, 'promotion-order': true },
    approvalPolicy: null,
    freezeWindows: [],
    deployRole: 'maintainer',
  },
  {
    name: 'production',
    tier: 'production',
    order: 3,
    purpose: 'Live user-facing workflows',
    stability: 'Highly stable',
    dataClass: 'Real customer data',
    gateways: [],
    reconcile: 'auto',
    gates: {
      validation: true,
      'promotion-order': true,
      'required-checks': ['smoke-tests'],
      'semver-policy': true,
      approvals: true,
    },
    approvalPolicy: defaultProductionApprovalPolicy,
    freezeWindows: [],
    deployRole: 'admin',
  },
];

/** What a new environment created by `PUT` starts from before the request's fields are merged in. */
export function newEnvironmentConfig(tier: Tier, order: number, databaseUrl: string): EnvironmentConfig {
  return {
    tier,
    order,
    purpose: '',
    stability: '',
    dataClass: '',
    gateways: [],
    reconcile: 'auto',
    gates: { validation: true },
    approvalPolicy: null,
    freezeWindows: [],
    deployRole: defaultDeployRole(tier),
    databaseUrl,
  };
}
