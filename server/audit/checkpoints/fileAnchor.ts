import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkpointLine, readCheckpointText } from '../../../core/audit/checkpointText';
import type { CheckpointAnchor } from './checkpointAnchor';

/**
 * Appends each checkpoint as one JSON line to a file (`FORGE_AUDIT_ANCHOR_FILE`), for a disk the database's
 * administrators cannot rewrite: another host's mount, append-only storage, a log shipper's input.
 */
export function fileAnchor(path: string): CheckpointAnchor {
  const file = resolve(path);
  const read = async () => {
    try {
      return readCheckpointText(await readFile(file, 'utf8')).checkpoints;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  return {
    kind: 'file',
    location: file,
    read,
    async write(checkpoints) {
      try {
        const held = new Set((await read()).map((checkpoint) => checkpoint.seq));
        const lines = checkpoints.filter((checkpoint) => !held.has(checkpoint.seq)).map(checkpointLine);
        await mkdir(dirname(file), { recursive: true });
        // One append per call: small appends of one process are not interleaved with another's.
        if (lines.length > 0) await appendFile(file, lines.join(''), { mode: 0o644 });
        return { anchored: checkpoints.map((checkpoint) => checkpoint.seq), failure: null };
      } catch (error) {
        return { anchored: [], failure: `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
      }
    },
  };
}
