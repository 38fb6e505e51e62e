import type { KeyObject } from 'node:crypto';
import type { Checkpoint } from '../api/audit';
import { checkpointSigned, publicKeyId } from './signedStatements';

/** Checkpoints gathered from wherever they were kept, sorted into those a verification relies on and the rest. */
export interface SortedCheckpoints {
  /** Signed by `publicKey`, one per signature, oldest first. */
  trusted: Checkpoint[];
  /** Naming the key but failing its signature: forged or corrupted. */
  invalid: number;
  /** Signed with another key: not relied on. */
  otherKeys: number;
}

/** Keeps the checkpoints `publicKey` signed (duplicates from several sources counted once). */
export function sortCheckpoints(candidates: Iterable<Checkpoint>, publicKey: KeyObject): SortedCheckpoints {
  const keyId = publicKeyId(publicKey);
  const unique = new Map<string, Checkpoint>();
  for (const checkpoint of candidates) unique.set(`${checkpoint.seq}:${checkpoint.signature}`, checkpoint);
  const sorted: SortedCheckpoints = { trusted: [], invalid: 0, otherKeys: 0 };
  for (const checkpoint of unique.values()) {
    if (checkpoint.keyId !== keyId) sorted.otherKeys += 1;
    else if (checkpointSigned(checkpoint, publicKey)) sorted.trusted.push(checkpoint);
    else sorted.invalid += 1;
  }
  sorted.trusted.sort((a, b) => a.seq - b.seq);
  return sorted;
}
