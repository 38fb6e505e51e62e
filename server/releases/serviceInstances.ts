import type { ServiceInstance } from '../serviceDeps';
import type { Database, Statement } from '../store/database';

/** How long another host's instance may go without a heartbeat before its releases count as abandoned. */
export const instanceLeaseMs = 30_000;

/** Records (or refreshes) this process as a live owner of releases. */
export function heartbeatStatement(instance: ServiceInstance, at: Date): Statement {
  return {
    sql: `INSERT INTO service_instances (id, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
    args: [instance.id, instance.pid, instance.host, at.toISOString(), at.toISOString()],
  };
}

/** Refreshes this process's heartbeat and forgets instances silent for far longer than the lease. */
export async function heartbeat(db: Database, instance: ServiceInstance, at: Date): Promise<void> {
  await db.batch([
    heartbeatStatement(instance, at),
    {
      sql: `DELETE FROM service_instances WHERE heartbeat_at < ? AND id NOT IN (SELECT owner_instance FROM releases WHERE status = 'in-progress' AND owner_instance IS NOT NULL)`,
      args: [new Date(at.getTime() - 100 * instanceLeaseMs).toISOString()],
    },
  ]);
}

/**
 * Whether the process that owns a release is gone: on this host, its pid no longer runs (decided at once);
 * on another host, its heartbeat is older than the lease. An unknown owner is gone.
 */
export function ownerIsGone(owner: { id: string; pid: number; host: string; heartbeatAt: string } | null, me: ServiceInstance, now: Date): boolean {
  if (!owner) return true;
  if (owner.id === me.id) return false;
  if (owner.host === me.host) return !processIsRunning(owner.pid);
  return now.getTime() - Date.parse(owner.heartbeatAt) > instanceLeaseMs;
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
