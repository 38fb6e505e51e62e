import { environmentLock } from '../releases/takeLock';
import type { ServiceDeps } from '../serviceDeps';
import { GatewayLockLostError, type GatewayLock } from './gatewayLock';

/**
 * The number of the environment's next activation: one more than the last, stored with the environment and taken
 * under its lock by the holder of its gateway lock (refused if that lock was taken over). A webhook receiver
 * ignores an activation numbered lower than one it has applied.
 */
export async function nextActivationSequence(deps: ServiceDeps, lock: GatewayLock): Promise<number> {
  return deps.db.transaction(async (tx) => {
    await tx.lock(environmentLock(lock.environment));
    const held = await tx.execute({ sql: 'SELECT 1 FROM gateway_locks WHERE environment = ? AND holder = ?', args: [lock.environment, lock.holder] });
    if (held.rows.length === 0) throw new GatewayLockLostError(lock.environment);
    const next = await tx.execute({
      sql: 'UPDATE environments SET activation_sequence = activation_sequence + 1 WHERE name = ? RETURNING activation_sequence',
      args: [lock.environment],
    });
    const row = next.rows[0];
    if (!row) throw new Error(`environment ${lock.environment} no longer exists`);
    return Number(row.activation_sequence);
  });
}
