import { zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { apiErrorSchema } from '../../core/api/apiError';
import { approvalDecisionRequestSchema, approvalSchema } from '../../core/api/approval';
import { auditEventSchema, auditPageSchema, auditPublicKeySchema, chainVerificationSchema, checkpointRoundSchema, checkpointSchema } from '../../core/api/audit';
import { changeSetCreateSchema, changeSetSchema, pullRequestSchema } from '../../core/api/changeSet';
import { environmentSchema, environmentUpdateSchema, gatesConfigSchema } from '../../core/api/environment';
import { evaluationReportSchema, evaluationSchema } from '../../core/api/evaluation';
import { environmentSyncSchema, gatewaySyncSchema } from '../../core/api/gatewaySync';
import { healthSchema } from '../../core/api/health';
import { dryRunSchema, freezeOverrideSchema, gateRecheckSchema, promoteSchema, releaseCreateSchema, releaseSchema, rollbackSchema } from '../../core/api/release';
import { complianceReportSchema } from '../../core/api/report';
import { meSchema, tokenCreatedSchema, tokenCreateSchema, tokenSchema, userCreateSchema, userSchema, userUpdateSchema } from '../../core/api/user';
import { maskedVariableSchema, variableWriteSchema } from '../../core/api/variable';
import { checkReportSchema, checkSchema, versionCreateSchema, versionDiffSchema, versionSchema } from '../../core/api/version';

/**
 * The API's resource shapes by the name they have in `components.schemas`: every route that answers or takes one
 * of these schemas refers to it there instead of repeating it, so clients and generated SDKs get one named type.
 * A new resource schema is named here.
 */
const namedSchemas: Record<string, z.ZodType> = {
  ApiError: apiErrorSchema,
  Approval: approvalSchema,
  ApprovalDecision: approvalDecisionRequestSchema,
  AuditEvent: auditEventSchema,
  AuditPage: auditPageSchema,
  AuditPublicKey: auditPublicKeySchema,
  AuditCheckpoint: checkpointSchema,
  AuditCheckpointRound: checkpointRoundSchema,
  ChainVerification: chainVerificationSchema,
  ChangeSet: changeSetSchema,
  ChangeSetCreate: changeSetCreateSchema,
  Check: checkSchema,
  CheckReport: checkReportSchema,
  ComplianceReport: complianceReportSchema,
  DryRun: dryRunSchema,
  Environment: environmentSchema,
  Evaluation: evaluationSchema,
  EvaluationReport: evaluationReportSchema,
  EnvironmentSync: environmentSyncSchema,
  EnvironmentUpdate: environmentUpdateSchema,
  FreezeOverride: freezeOverrideSchema,
  GateRecheck: gateRecheckSchema,
  GatesConfig: gatesConfigSchema,
  GatewaySync: gatewaySyncSchema,
  Health: healthSchema,
  Me: meSchema,
  Promote: promoteSchema,
  PullRequest: pullRequestSchema,
  Release: releaseSchema,
  ReleaseCreate: releaseCreateSchema,
  Rollback: rollbackSchema,
  Token: tokenSchema,
  TokenCreate: tokenCreateSchema,
  TokenCreated: tokenCreatedSchema,
  User: userSchema,
  UserCreate: userCreateSchema,
  UserUpdate: userUpdateSchema,
  Variable: maskedVariableSchema,
  VariableWrite: variableWriteSchema,
  Version: versionSchema,
  VersionCreate: versionCreateSchema,
  VersionDiff: versionDiffSchema,
};

/**
 * Names the resource schemas for the OpenAPI generator. The name goes on the very schema objects core/api exports
 * (not on copies), since the generator recognises a schema by identity; naming twice is harmless.
 */
export function nameApiSchemas(): void {
  for (const [name, schema] of Object.entries(namedSchemas)) {
    const current = zodToOpenAPIRegistry.get(schema) as { _internal?: Record<string, unknown> } | undefined;
    zodToOpenAPIRegistry.add(schema, { ...current, _internal: { ...current?._internal, refId: name } });
  }
}
