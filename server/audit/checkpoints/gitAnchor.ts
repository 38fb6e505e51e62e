import { access } from 'node:fs/promises';
import type { Checkpoint } from '../../../core/api/audit';
import { redactCredentials } from '../../../git/gitErrors';
import { syncMirror } from '../../../git/mirror';
import { commitRefFiles, fetchRef, isAncestor, moveRef, pushRef, readRefFiles, refCommit } from '../../../git/refFiles';
import { checkpointLine, readCheckpointText } from '../../../core/audit/checkpointText';
import type { CheckpointAnchor } from './checkpointAnchor';

/** The default ref checkpoints are committed to in the watched repository (`FORGE_AUDIT_ANCHOR_REF`). */
export const defaultAuditRef = 'refs/forge/audit';

const committer = { name: 'Forge Releases', email: 'forge-releases@localhost' };
const readme = `# Audit checkpoints

Signed checkpoints of a Forge Releases audit log, one JSON line each, in one file per month of signing:
{"seq","hash","at","signedAt","keyId","signature"}. \`signature\` is the base64 Ed25519 signature of
"forge-releases checkpoint v1\\n" followed by the canonical JSON of the other fields (keys sorted, no spaces).

Check an export of the log against them, with the service's public key:

    git show <this ref>:<month>.jsonl > checkpoints.jsonl
    forge-release audit verify --events audit.jsonl --checkpoints checkpoints.jsonl --public-key audit-key.pem
`;

/** The repository the service watches, where its checkpoints are committed. */
export interface GitAnchorOptions {
  /** The bare mirror under the data dir (created by the repository watcher, or here when it does not exist yet). */
  mirrorDir: string;
  /** The watched repository: its origin, where the ref is pushed. */
  source: string;
  ref: string;
}

/**
 * Commits checkpoints to a ref of the workflow repository (default `refs/forge/audit`, outside every branch) in the
 * service's mirror and pushes it to the origin, so every clone that fetches the ref holds them. A push that
 * fails leaves the commit in the mirror; the failure is recorded and the next anchoring pushes again (the ref
 * carries every earlier commit). When the origin moved on meanwhile (another replica pushed), its ref is built on.
 */
export function gitAnchor(options: GitAnchorOptions): CheckpointAnchor {
  const { mirrorDir, source, ref } = options;
  const originRef = `${ref}-origin`;
  let tail: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };

  const read = async (): Promise<Checkpoint[]> => {
    if (!(await exists(mirrorDir))) return [];
    const files = await readRefFiles(mirrorDir, ref);
    if (!files) return [];
    return [...files.files].filter(([name]) => name.endsWith('.jsonl')).flatMap(([, text]) => readCheckpointText(text).checkpoints);
  };

  const commitMissing = async (checkpoints: readonly Checkpoint[]): Promise<void> => {
    if (!(await exists(mirrorDir))) await syncMirror({ source, dir: mirrorDir });
    const local = await refCommit(mirrorDir, ref);
    // An origin that cannot be reached still gets the commit here; the push below says why it did not leave.
    const fetched = await fetchRef(mirrorDir, 'origin', ref, originRef).catch(() => false);
    const origin = fetched ? await refCommit(mirrorDir, originRef) : null;
    // Build on the origin's ref unless ours is ahead of it (an earlier push failed).
    const base = origin && !(local && (await isAncestor(mirrorDir, origin, local))) ? origin : local;
    const current = base ? await readRefFiles(mirrorDir, ref, base) : null;
    const files = new Map(current?.files ?? [['README.md', readme]]);
    const held = new Set([...files].filter(([name]) => name.endsWith('.jsonl')).flatMap(([, text]) => readCheckpointText(text).checkpoints.map((c) => c.seq)));
    const added = checkpoints.filter((checkpoint) => !held.has(checkpoint.seq));
    for (const checkpoint of added) {
      const name = `${checkpoint.signedAt.slice(0, 7)}.jsonl`;
      files.set(name, (files.get(name) ?? '') + checkpointLine(checkpoint));
    }
    if (added.length > 0) {
      const last = added[added.length - 1] as Checkpoint;
      await commitRefFiles(mirrorDir, ref, { parent: base, expected: local, files, message: `Audit checkpoint ${last.seq} (${added.length} added)`, committer });
    } else if (base !== local && base !== null) {
      await moveRef(mirrorDir, ref, base, local);
    }
  };

  return {
    kind: 'git',
    location: ref,
    read,
    write: (checkpoints) =>
      serialised(async () => {
        try {
          await commitMissing(checkpoints);
        } catch (error) {
          return { anchored: [], failure: `cannot commit to ${ref}: ${(error as Error).message}` };
        }
        try {
          await pushRef(mirrorDir, 'origin', ref);
          return { anchored: checkpoints.map((checkpoint) => checkpoint.seq), failure: null };
        } catch (error) {
          return { anchored: [], failure: `committed to ${ref} in the mirror; pushing it to ${redactCredentials(source)} failed: ${(error as Error).message}` };
        }
      }),
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
