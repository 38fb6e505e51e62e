import { agentArtifactSchema } from './agentSchema';
import type { ArtifactKind } from './artifactKind';
import { processorArtifactSchema } from './processorSchema';
import { workflowArtifactSchema } from './workflowSchema';

/** The complete schema of each artifact kind: the source of the generated JSON Schema files. */
export const artifactSchemas = {
  workflow: workflowArtifactSchema,
  agent: agentArtifactSchema,
  processor: processorArtifactSchema,
} as const satisfies Record<ArtifactKind, unknown>;
