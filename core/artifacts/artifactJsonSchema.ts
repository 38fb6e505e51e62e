import { z } from 'zod';
import type { ArtifactKind } from './artifactKind';
import { artifactSchemas } from './artifactSchemas';

/** The JSON Schema (draft-07, which VS Code's JSON support reads) of one artifact kind, derived from zod. */
export function artifactJsonSchema(kind: ArtifactKind): Record<string, unknown> {
  // Input shape: fields with defaults (dependencies, node_type) are optional in the files people write.
  const schema = z.toJSONSchema(artifactSchemas[kind], { io: 'input', target: 'draft-7' });
  return { ...schema, title: `Forge Releases ${kind} artifact` };
}
