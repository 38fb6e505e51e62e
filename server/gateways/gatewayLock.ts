import { randomUUID } from 'node:crypto';
import { environmentLock } from '../releases/takeLock';
import { heartbeatStatement, ownerIsGone } from '../releases/serviceInstances';
import type { ServiceDeps } from '../serviceDeps';

/**
 * The right to write to an environment's gateways, held by one writer at a time across every process on the
 * database: a release from before it publishes until after its flip (and its compensation), recovery while it
 * re-publishes the active version, the reconciler while it checks and heals. Whoever holds it reads the active
 * pointer and leaves the gateways on it, so the last write a gateway keeps is always the active version.
 * A lock whose holder's process is gone (or whose task in this process ended) is taken over.
 */
export interface GatewayLock {
  environment: string;
  /** This hold's own id: two tasks of one process are two holders. */
  holder: string;
}

/** Why a lock was not taken: a release is running (and the caller leaves the gateways to it), or another writer holds it. */
export type GatewayLockRefusal = 'release-in-progress' | 'held';

// Per service (keyed by its deps): the holds of this process whose task is still running.
const heldHere = new WeakMap<ServiceDeps, Set<string>>();

function holdsOf(deps: ServiceDeps): Set<string> {
  let holds = heldHere.get(deps);
  if (!holds) heldHere.set(deps, (holds = new Set()));
  return holds;
}

/**
 * Takes the lock if it is free (or its holder is gone). With `whenIdle`, refuses while a release of the
 * environment is in progress: that release will leave the gateways on its own version.
 */
export async function tryGatewayLock(
  deps: ServiceDeps,
  environment: string,
  purpose: string,
  options: { whenIdle?: boolean } = {},
): Promise<GatewayLock | GatewayLockRefusal> {
  const holder = randomUUID();
  const taken = await deps.db.transaction(async (tx): Promise<GatewayLockRefusal | null> => {
    // The same scope as the release lock: a release cannot start between the idle check and the write.
    await tx.lock(environmentLock(environment));
    if (options.whenIdle) {
      const running = await tx.execute({ sql: `SELECT 1 FROM releases WHERE environment = ? AND status = 'in-progress'`, args: [environment] });
      if (running.rows.length > 0) return 'release-in-progress';
    }
    const current = await tx.execute({
      sql: `SELECT g.holder, g.owner_instance, i.pid, i.host, i.heartbeat_at
            FROM gateway_locks g LEFT JOIN service_instances i ON i.id = g.owner_instance WHERE g.environment = ?`,
      args: [environment],
    });
    const now = deps.clock();
    const row = current.rows[0];
    if (row && !holderIsGone(deps, row, now)) return 'held';
    await tx.execute(heartbeatStatement(deps.instance, now));
    await tx.execute({
      sql: `INSERT INTO gateway_locks (environment, holder, owner_instance, purpose, acquired_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (environment) DO UPDATE SET holder = excluded.holder, owner_instance = excluded.owner_instance,
              purpose = excluded.purpose, acquired_at = excluded.acquired_at`,
      args: [environment, holder, deps.instance.id, purpose, now.toISOString()],
    });
    return null;
  });
  if (taken !== null) return taken;
  holdsOf(deps).add(holder);
  return { environment, holder };
}

/**
 * Waits for the lock and takes it. Holders keep it for a few gateway calls, and one whose process died is taken
 * over at once (on another host, once its heartbeat is older than the lease), so the wait is short.
 */
export async function acquireGatewayLock(deps: ServiceDeps, environment: string, purpose: string): Promise<GatewayLock> {
  for (let delayMs = 10; ; delayMs = Math.min(delayMs * 2, 250)) {
    const lock = await tryGatewayLock(deps, environment, purpose);
    if (typeof lock !== 'string') return lock;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

/** Gives the lock back (a no-op when it was taken over meanwhile). Retried: a lock left behind would stall the environment. */
export async function releaseGatewayLock(deps: ServiceDeps, lock: GatewayLock): Promise<void> {
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await deps.db.execute({ sql: 'DELETE FROM gateway_locks WHERE environment = ? AND holder = ?', args: [lock.environment, lock.holder] });
        return;
      } catch (error) {
        if (attempt >= 5) {
          // Still ours in the table; others take it over as soon as this task is no longer holding it.
          deps.logger.error({ err: error, environment: lock.environment }, 'releasing the gateway lock failed');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    holdsOf(deps).delete(lock.holder);
  }
}

/** The lock was taken over while its holder still worked (its process was thought gone): it must stop writing. */
export class GatewayLockLostError extends Error {
  constructor(environment: string) {
    super(`another writer took over the gateways of ${environment}`);
  }
}

function holderIsGone(deps: ServiceDeps, row: Record<string, unknown>, now: Date): boolean {
  const ownerId = String(row.owner_instance);
  // A hold of this process is live exactly while its task runs.
  if (ownerId === deps.instance.id) return !holdsOf(deps).has(String(row.holder));
  const owner = row.pid === null ? null : { id: ownerId, pid: Number(row.pid), host: String(row.host), heartbeatAt: String(row.heartbeat_at) };
  return ownerIsGone(owner, deps.instance, now);
}
