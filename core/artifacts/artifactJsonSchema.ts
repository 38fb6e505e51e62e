import { z } from 'zod';
import type { ArtifactKind } from './artifactKind';
import { artifactSchemas } from './artifactSchemas';

/** The JSON Schema (draft-07, which VS Code's JSON support reads) of one artifact kind, derived from zod. */
export function artifactJsonSchema(kind: ArtifactKind): Record<string, unknown> {
  // Input shape: fields with defaults (dependencies, node_type) are optional in the files people write.
  const schema = z.toJSONSchema(artifactSchemas[kind], { io: 'input', target: 'draft-7' });
  return { ...schema, title: `Forge Releases ${kind} artifact` };
}

/**
 * The schema the editor gets for completion and hover only. Every keyword of the full schema sits under an
 * `if` without `then`/`else`, which by JSON Schema's rules asserts nothing: VS Code's JSON support still
 * collects the properties, enums and descriptions inside it for completion and hover, but reports no problem,
 * so each problem is reported once, by the validator, with its rule code. Comments and trailing commas are
 * left to the validator too (`allowComments`, `allowTrailingCommas` are VS Code's schema extensions).
 */
export function artifactEditorJsonSchema(kind: ArtifactKind): Record<string, unknown> {
  const { $schema, title, definitions, ...assertions } = artifactJsonSchema(kind);
  const editor: Record<string, unknown> = { $schema, title, allowComments: true, allowTrailingCommas: true, if: assertions };
  // `$ref`s inside the `if` point at the root's definitions.
  if (definitions !== undefined) editor.definitions = definitions;
  return editor;
}
