import type { EnvironmentRecord } from '../environments/environmentRecord';
import type { Activation } from './activation';

/** Supplies the variables a gateway receives with an activation; secrets are decrypted only here. */
export type VariablesProvider = (environment: EnvironmentRecord) => Promise<Record<string, string>>;

/**
 * The body of `POST <gateway>/forge/activate`. A null version with no artifacts means "nothing is active". A
 * receiver applies an activation only if its `sequence` is higher than the last one it applied.
 */
export interface ActivationManifest {
  environment: string;
  version: string | null;
  releaseId: string | null;
  sequence: number;
  artifacts: { kind: string; name: string; hash: string; content: unknown }[];
  variables: Record<string, string>;
}

/**
 * Builds a manifest; artifact content goes out as JSON, not as text, when the artifact is JSON. `withheld` names
 * variables the gateway must not receive (the secret it verifies signatures with).
 */
export function activationManifest(activation: Activation, withheld: readonly string[] = []): ActivationManifest {
  return {
    environment: activation.environment,
    version: activation.version,
    releaseId: activation.releaseId,
    sequence: activation.sequence,
    artifacts: activation.artifacts.map((a) => ({ kind: a.kind, name: a.name, hash: a.hash, content: parseOrText(a.content) })),
    variables: Object.fromEntries(Object.entries(activation.variables).filter(([key]) => !withheld.includes(key))),
  };
}

function parseOrText(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return content;
  }
}
