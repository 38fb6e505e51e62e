import type { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import type { ChainVerification, Checkpoint } from '../../core/api/audit';
import { readCheckpointText } from '../../core/audit/checkpointText';
import { createExportCheck } from '../../core/audit/exportCheck';
import { readPublicKey } from '../../core/audit/signedStatements';
import { InputError, UsageError } from '../errors';
import { describeFsError, readTextFile } from '../workspace/readTextFile';
import { readAuditExport } from './readAuditExport';

/** What an offline verification is given: export files in chain order, checkpoint files, the service's public key. */
export interface OfflineInputs {
  events: readonly string[];
  checkpoints: readonly string[];
  publicKey: string | undefined;
}

/** Reads the public key file given with `--public-key` (PEM, or the JSON of `GET /api/audit/public-key`). */
export async function readPublicKeyFile(path: string): Promise<KeyObject> {
  const text = await readTextFile(resolve(path), path);
  try {
    return readPublicKey(text);
  } catch (error) {
    throw new InputError(`${path} is not an Ed25519 public key: ${(error as Error).message} (save it with \`forge-release audit public-key --out ${path}\`)`);
  }
}

/**
 * `forge-release audit verify --events …`: the export checked from files alone, against checkpoints kept
 * elsewhere (an anchor file, `git show refs/forge/audit:<month>.jsonl`, a saved `audit checkpoints --json`).
 */
export async function verifyOffline(inputs: OfflineInputs): Promise<ChainVerification> {
  if (inputs.checkpoints.length > 0 && !inputs.publicKey) {
    throw new UsageError('--checkpoints needs --public-key: a checkpoint is only evidence under the key that signed it');
  }
  const publicKey = inputs.publicKey ? await readPublicKeyFile(inputs.publicKey) : null;
  const checkpoints: Checkpoint[] = [];
  for (const path of inputs.checkpoints) {
    const { checkpoints: read, unreadable } = readCheckpointText(await readTextFile(resolve(path), path));
    if (read.length === 0 && unreadable > 0) throw new InputError(`${path} holds no checkpoints`);
    checkpoints.push(...read);
  }
  const check = createExportCheck(checkpoints, publicKey);
  for (const path of inputs.events) {
    try {
      for await (const { event, detailsText, intact } of readAuditExport(resolve(path))) check.accept(event, detailsText, intact);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
    }
  }
  return check.result();
}
