import type { Database, Queryable } from '../../store/database';

/**
 * What a webhook gateway last took, as far as Forge knows: a webhook cannot be read back, so its sync state is
 * judged from the last activation it acknowledged (or left unanswered, when it may or may not have applied it).
 */
export interface WebhookDelivery {
  version: string | null;
  releaseId: string | null;
  sequence: number;
  acknowledged: boolean;
}

/** Records the answer to an activation; a refusal changes nothing (the gateway kept what it had). */
export async function recordWebhookDelivery(db: Database, environment: string, gateway: string, delivery: WebhookDelivery, at: Date): Promise<void> {
  await db.execute({
    sql: `INSERT INTO gateway_deliveries (environment, gateway, version, release_id, sequence, acknowledged, at) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (environment, gateway) DO UPDATE SET version = excluded.version, release_id = excluded.release_id,
            sequence = excluded.sequence, acknowledged = excluded.acknowledged, at = excluded.at`,
    args: [environment, gateway, delivery.version, delivery.releaseId, delivery.sequence, delivery.acknowledged ? 1 : 0, at.toISOString()],
  });
}

/** The last delivery to each webhook gateway of an environment, by gateway URL. */
export async function webhookDeliveries(db: Queryable, environment: string): Promise<Map<string, WebhookDelivery>> {
  const result = await db.execute({
    sql: 'SELECT gateway, version, release_id, sequence, acknowledged FROM gateway_deliveries WHERE environment = ?',
    args: [environment],
  });
  return new Map(
    result.rows.map((row) => [
      String(row.gateway),
      {
        version: row.version === null ? null : String(row.version),
        releaseId: row.release_id === null ? null : String(row.release_id),
        sequence: Number(row.sequence),
        acknowledged: Number(row.acknowledged) === 1,
      },
    ]),
  );
}
