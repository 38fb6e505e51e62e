import type { Checkpoint } from '../../../core/api/audit';
import { withoutCredentials } from '../../store/databaseUrl';
import type { CheckpointAnchor } from './checkpointAnchor';

/**
 * Posts each checkpoint, as JSON, to a URL (`FORGE_AUDIT_ANCHOR_URL`): a transparency log, a ticketing system, a
 * bucket's upload endpoint. A 2xx answer means it is kept there; the receiver may see a checkpoint again after a
 * failure and should key them by `seq`. It cannot be read back, so verification reports the deliveries.
 */
export function urlAnchor(url: string, timeoutMs: number): CheckpointAnchor {
  const post = async (checkpoint: Checkpoint): Promise<string | null> => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forge-checkpoint-seq': String(checkpoint.seq) },
        body: JSON.stringify(checkpoint),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? null : `answered ${response.status}`;
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') return `did not answer within ${timeoutMs} ms`;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return `unreachable (${cause?.code ?? cause?.message ?? (error as Error).message})`;
    }
  };
  const location = withoutCredentials(url);
  return {
    kind: 'url',
    location,
    read: async () => null,
    async write(checkpoints) {
      const anchored: number[] = [];
      // In order, stopping at the first failure: the receiver sees checkpoints in the order they were signed.
      for (const checkpoint of checkpoints) {
        const failure = await post(checkpoint);
        if (failure) return { anchored, failure: `${location} ${failure}` };
        anchored.push(checkpoint.seq);
      }
      return { anchored, failure: null };
    },
  };
}
