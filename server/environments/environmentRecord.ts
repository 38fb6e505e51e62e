import type { Role } from '../../core/access/roles';
import type { Tier } from '../../core/access/roleMatrix';
import type { ApprovalPolicy } from '../../core/approvals/approvalPolicy';
import type { GatesConfig } from '../../core/api/environment';
import type { GatewayEntry, ReconcileMode } from '../../core/api/gateway';
import type { FreezeWindow } from '../../core/gates/freezeWindows';

/** An environment as stored: its configuration and the version its last succeeded release made active. */
export interface EnvironmentRecord {
  name: string;
  tier: Tier;
  order: number;
  purpose: string;
  stability: string;
  dataClass: string;
  gateways: GatewayEntry[];
  reconcile: ReconcileMode;
  gates: GatesConfig;
  approvalPolicy: ApprovalPolicy | null;
  freezeWindows: FreezeWindow[];
  deployRole: Role;
  databaseUrl: string;
  activeVersion: string | null;
  activeReleaseId: string | null;
  updatedAt: string;
}

/** The configurable part of an environment (what `PUT /api/environments/:name` may change). */
export type EnvironmentConfig = Omit<EnvironmentRecord, 'name' | 'activeVersion' | 'activeReleaseId' | 'updatedAt'>;
