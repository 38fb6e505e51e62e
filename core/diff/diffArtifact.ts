import type { ArtifactKind } from '../artifacts/artifactKind';
import type { ChangeDrafts } from './changeDraft';
import { diffAgentSpec } from './diffAgent';
import { diffObject, type ValueDiffer } from './diffGeneric';
import { diffProcessorSpec } from './diffProcessor';
import { diffWorkflowSpec } from './diffWorkflow';
import { sameContent } from './sameContent';

const specDiffers: Record<ArtifactKind, ValueDiffer> = {
  workflow: diffWorkflowSpec,
  agent: diffAgentSpec,
  processor: diffProcessorSpec,
};

/**
 * Diffs two versions of one artifact (same kind and name). The envelope's other keys (description, tags…) are
 * patch-level. Never throws: content that cannot be interpreted is reported as a patch-level change.
 */
export function diffArtifactContent(kind: ArtifactKind, before: unknown, after: unknown): ChangeDrafts {
  const out: ChangeDrafts = [];
  try {
    if (sameContent(before, after)) return out;
    diffObject('', before, after, { spec: specDiffers[kind] }, out);
  } catch {
    // Only values that are not JSON (cyclic structures) get here; they still count as changed.
    out.length = 0;
  }
  if (out.length === 0) out.push({ path: '', change: 'content changed', bump: 'patch' });
  return out;
}
