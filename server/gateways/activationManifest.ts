import type { DefinitionArtifact } from '../environments/environmentDefinitions';
import type { EnvironmentRecord } from '../environments/environmentRecord';

/** Supplies the variables a gateway receives with an activation; secrets are decrypted only here. */
export type VariablesProvider = (environment: EnvironmentRecord) => Promise<Record<string, string>>;

/** The body of `POST <gateway>/forge/activate`. A null version with no artifacts means "nothing is active". */
export interface ActivationManifest {
  environment: string;
  version: string | null;
  artifacts: { kind: string; name: string; hash: string; content: unknown }[];
  variables: Record<string, string>;
}

/** Builds a manifest; artifact content goes out as JSON, not as text, when the artifact is JSON. */
export function activationManifest(
  environment: string,
  version: string | null,
  artifacts: readonly DefinitionArtifact[],
  variables: Record<string, string>,
): ActivationManifest {
  return {
    environment,
    version,
    artifacts: artifacts.map((a) => ({ kind: a.kind, name: a.name, hash: a.hash, content: parseOrText(a.content) })),
    variables,
  };
}

function parseOrText(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return content;
  }
}
