import type { Logger } from 'pino';
import type { AuditTrailSettings } from './audit/auditTrailSettings';
import type { EnvironmentDatabases } from './environments/environmentDatabases';
import type { EventBus } from './events/eventBus';
import type { GateRegistry } from './gates/gate';
import type { VariablesProvider } from './gateways/activationManifest';
import type { Metrics } from './metrics/metrics';
import type { RepositoryWatcher } from './repository/repositoryWatcher';
import type { SecretKey } from './secrets/secretKey';
import type { Database } from './store/database';
import type { BackgroundTasks } from './tasks/backgroundTasks';

/** Where time comes from; injected so timeouts and freezes are tested without sleeping. */
export type Clock = () => Date;

/** This process, as the owner of the releases it runs (recovery asks whether the owner is still alive). */
export interface ServiceInstance {
  id: string;
  pid: number;
  host: string;
}

/**
 * Everything the app and the deploy engine use; `createApp` reads nothing else (no env, no ports). Assembled by
 * the composition root, server/compose.ts.
 */
export interface ServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  environmentDatabases: EnvironmentDatabases;
  /** How long a gateway may take to acknowledge an activation. */
  gatewayTimeoutMs: number;
  events: EventBus;
  metrics: Metrics;
  tasks: BackgroundTasks;
  gates: GateRegistry;
  /** Variables sent to gateways with each activation (secrets are decrypted only here). */
  variables: VariablesProvider;
  /** The server key that seals secret variables (FORGE_SECRET_KEY or the data dir's key file). */
  secretKey: SecretKey;
  /** Signed checkpoints of the audit chain: the signer, the anchors outside the database, the interval. */
  auditTrail: AuditTrailSettings;
  instance: ServiceInstance;
  /** The watched repository (`serve --repo`), whose webhook `POST /api/hooks/git` triggers a sync; absent otherwise. */
  repository?: RepositoryWatcher;
}
