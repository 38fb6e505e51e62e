/** When a checkpoint is due: after this many new events, or this many minutes after the last one (null: never by that measure). */
export interface CheckpointInterval {
  events: number | null;
  minutes: number | null;
}

/** The default of `FORGE_CHECKPOINT_INTERVAL`. */
export const defaultCheckpointInterval = '1000 events, 15 minutes';

const term = /^(\d+)\s*(events?|e|minutes?|min|m|hours?|h)$/i;

/**
 * Reads `FORGE_CHECKPOINT_INTERVAL`: one or two terms separated by a comma, `<n> events` and/or `<n> minutes`
 * (`min`, `m`; `<n> hours` or `h` too), e.g. `1000 events, 15 minutes`, `500 events`, `1h`; or `off` for on-demand
 * checkpoints only. A checkpoint is taken when either limit is reached and the chain has grown since the last.
 */
export function parseCheckpointInterval(text: string): CheckpointInterval {
  const trimmed = text.trim();
  if (/^off$/i.test(trimmed)) return { events: null, minutes: null };
  const interval: CheckpointInterval = { events: null, minutes: null };
  for (const part of trimmed.split(',')) {
    const match = term.exec(part.trim());
    const count = Number(match?.[1]);
    if (!match || !Number.isSafeInteger(count) || count < 1) {
      throw new Error(`"${part.trim()}" is not "<n> events" or "<n> minutes" (for example "1000 events, 15 minutes", or "off")`);
    }
    const unit = (match[2] ?? '').toLowerCase();
    if (unit.startsWith('e')) {
      if (interval.events !== null) throw new Error('events are given twice');
      interval.events = count;
    } else {
      if (interval.minutes !== null) throw new Error('a time is given twice');
      interval.minutes = unit.startsWith('h') ? count * 60 : count;
    }
  }
  return interval;
}

/** Whether a checkpoint of `headSeq` is due, `latest` being the newest checkpoint (null before the first). */
export function checkpointDue(interval: CheckpointInterval, latest: { seq: number; signedAt: string } | null, headSeq: number, now: Date): boolean {
  const sinceSeq = latest?.seq ?? 0;
  if (headSeq <= sinceSeq) return false;
  if (interval.events !== null && headSeq - sinceSeq >= interval.events) return true;
  if (interval.minutes === null) return false;
  // The first checkpoint of a log is due as soon as the time limit would be.
  return latest === null || now.getTime() - Date.parse(latest.signedAt) >= interval.minutes * 60_000;
}
