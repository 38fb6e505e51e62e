import { checkpointSchema, type Checkpoint } from '../api/audit';

/** One checkpoint as a line of JSON, fields in a fixed order. */
export function checkpointLine(checkpoint: Checkpoint): string {
  const { seq, hash, at, signedAt, keyId, signature } = checkpoint;
  return `${JSON.stringify({ seq, hash, at, signedAt, keyId, signature })}\n`;
}

/**
 * The checkpoints in a text of checkpoint lines (an anchor file, an export), or in a JSON document holding an
 * array of them or a `GET /api/audit/checkpoints` page. Lines that are not checkpoints are counted, not fatal.
 */
export function readCheckpointText(text: string): { checkpoints: Checkpoint[]; unreadable: number } {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const items = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown }).items;
      return collect(Array.isArray(items) ? items : [parsed]);
    } catch {
      // Not one JSON document: read it line by line.
    }
  }
  return collect(
    trimmed
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          return null;
        }
      }),
  );
}

function collect(values: unknown[]): { checkpoints: Checkpoint[]; unreadable: number } {
  const checkpoints: Checkpoint[] = [];
  let unreadable = 0;
  for (const value of values) {
    const parsed = checkpointSchema.safeParse(value);
    if (parsed.success) checkpoints.push(parsed.data);
    else unreadable += 1;
  }
  return { checkpoints, unreadable };
}
