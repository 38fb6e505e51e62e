import type { GatewayType } from '../../core/api/gateway';
import type { DefinitionArtifact } from '../environments/environmentDefinitions';

/** What every gateway of an environment is asked to hold: a version's artifacts, or nothing when no version is active. */
export interface Activation {
  environment: string;
  version: string | null;
  /** The release the version belongs to: the one being deployed, or for a re-publication the one that made it active. */
  releaseId: string | null;
  /** The environment's activation number (see activationSequence.ts). */
  sequence: number;
  artifacts: readonly DefinitionArtifact[];
  /** The environment's variables, secrets decrypted. */
  variables: Record<string, string>;
}

/**
 * How one gateway took an activation: applied (it holds the version now); refused (it answered with a refusal);
 * unreachable (no connection); or no answer (it may or may not hold it). `touched` says whether it may hold any
 * of the activation, so that a failed release restores the previous version there.
 */
export interface GatewayOutcome {
  url: string;
  type: GatewayType;
  result: 'applied' | 'refused' | 'unreachable' | 'no-answer';
  touched: boolean;
  /** Planner names (Marie) or `kind/name` (webhook) written, and planners unregistered. */
  published: string[];
  removed: string[];
  /** Artifacts the gateway has no place for (a Marie gateway takes workflows only). */
  notSent: string[];
  detail: string;
}

/** The `kind/name` a webhook's lists and a Marie gateway's `notSent` use. */
export function artifactLabel(artifact: Pick<DefinitionArtifact, 'kind' | 'name'>): string {
  return `${artifact.kind}/${artifact.name}`;
}

/** A one-line account of the gateways that did not apply an activation, for a release's reason; null when all did. */
export function describeFailure(outcomes: readonly GatewayOutcome[]): string | null {
  const failed = outcomes.filter((o) => o.result !== 'applied');
  if (failed.length === 0) return null;
  return `gateway activation failed: ${failed.map((o) => `${o.url} ${o.detail}`).join('; ')}`;
}
