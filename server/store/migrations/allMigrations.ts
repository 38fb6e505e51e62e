import type { Migration } from '../migration';
import { auditLogMigration } from './001_auditLog';
import { usersAndTokensMigration } from './002_usersAndTokens';
import { environmentsMigration } from './003_environments';
import { versionsMigration } from './004_versions';
import { changeSetsMigration } from './005_changeSets';
import { releasesMigration } from './006_releases';
import { auditIndexesMigration } from './010_auditIndexes';
import { environmentVariablesMigration } from './011_environmentVariables';
import { approvalRequestsMigration } from './012_approvalRequests';
import { rowOrderMigration } from './013_rowOrder';
import { serviceEventsMigration } from './014_serviceEvents';
import { gatewaySyncMigration } from './020_gatewaySync';
import { auditCheckpointsMigration } from './030_auditCheckpoints';
import { accessTalliesMigration } from './031_accessTallies';
import { evaluationResultsMigration } from './040_evaluationResults';
import { approvalBindingsMigration } from './041_approvalBindings';
import { onePendingReleasePerVersionMigration } from './050_onePendingReleasePerVersion';
import { storeChangesMigration } from './055_storeChanges';
import { verificationWindowsMigration } from './060_verificationWindows';

/** Every schema migration, in the order they apply. */
export const allMigrations: readonly Migration[] = [
  auditLogMigration,
  usersAndTokensMigration,
  environmentsMigration,
  versionsMigration,
  changeSetsMigration,
  releasesMigration,
  auditIndexesMigration,
  environmentVariablesMigration,
  approvalRequestsMigration,
  rowOrderMigration,
  serviceEventsMigration,
  gatewaySyncMigration,
  auditCheckpointsMigration,
  accessTalliesMigration,
  evaluationResultsMigration,
  approvalBindingsMigration,
  onePendingReleasePerVersionMigration,
  storeChangesMigration,
  verificationWindowsMigration,
];
