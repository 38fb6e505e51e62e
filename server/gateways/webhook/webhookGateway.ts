import type { GatewaySync } from '../../../core/api/gatewaySync';
import type { DefinitionArtifact } from '../../environments/environmentDefinitions';
import { artifactLabel, type Activation, type GatewayOutcome } from '../activation';
import { activationManifest } from '../activationManifest';
import type { ExpectedState } from '../expectedState';
import { gatewayRequest } from '../gatewayHttp';
import type { WebhookDelivery } from './webhookDeliveries';
import { forgeSignature, forgeSignatureHeader } from './webhookSignature';

/** How to reach one webhook: its URL and, when it verifies signatures, its secret (never sent in the manifest). */
export interface WebhookTarget {
  url: string;
  secret: { variable: string; value: string } | null;
}

/**
 * `POST <url>/forge/activate` with the manifest (2xx = applied), signed with `X-Forge-Signature` when the
 * gateway has a secret. A refusal or an unreachable gateway did not apply it; a missing answer may have.
 */
export async function activateWebhook(target: WebhookTarget, activation: Activation, timeoutMs: number): Promise<GatewayOutcome> {
  const body = JSON.stringify(activationManifest(activation, target.secret ? [target.secret.variable] : []));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.secret) headers[forgeSignatureHeader] = forgeSignature(target.secret.value, body);
  const answer = await gatewayRequest(`${target.url}/forge/activate`, { method: 'POST', headers, body }, timeoutMs);
  const outcome = { url: target.url, type: 'webhook' as const, removed: [], notSent: [] };
  if (answer.kind === 'answered') {
    const applied = answer.status >= 200 && answer.status < 300;
    return {
      ...outcome,
      result: applied ? 'applied' : 'refused',
      touched: applied,
      published: applied ? activation.artifacts.map(artifactLabel) : [],
      detail: `answered ${answer.status}`,
    };
  }
  return { ...outcome, result: answer.kind, touched: answer.kind === 'no-answer', published: [], detail: answer.detail };
}

/**
 * A webhook cannot be read back: it is in sync when the last activation it acknowledged is the active version;
 * drifted when it acknowledged another (or none while a version is active); unknown when its last activation got
 * no answer. `heldArtifacts` are the artifacts of the version it acknowledged, to say what differs.
 */
export function observeWebhook(url: string, expected: ExpectedState, delivery: WebhookDelivery | undefined, heldArtifacts: readonly DefinitionArtifact[]): GatewaySync {
  const base = { url, type: 'webhook' as const };
  if (delivery && !delivery.acknowledged) {
    return {
      ...base,
      state: 'unknown',
      missing: [],
      unexpected: [],
      outdated: [],
      detail: `activation ${delivery.sequence} (${delivery.version ?? 'nothing active'}) got no answer`,
    };
  }
  const heldVersion = delivery?.version ?? null;
  if (heldVersion === expected.version) return { ...base, state: 'in-sync', missing: [], unexpected: [], outdated: [], detail: null };
  // The version differs, so every artifact both hold is held at another version.
  const held = new Set(heldArtifacts.map(artifactLabel));
  const wanted = new Set(expected.artifacts.map(artifactLabel));
  const missing = [...wanted].filter((label) => !held.has(label));
  const unexpected = [...held].filter((label) => !wanted.has(label));
  const outdated = [...wanted].filter((label) => held.has(label));
  return {
    ...base,
    state: 'drifted',
    missing: missing.sort(),
    unexpected: unexpected.sort(),
    outdated: outdated.sort(),
    detail: `last acknowledged ${heldVersion ?? (delivery ? 'an empty activation' : 'no activation')}, not ${expected.version ?? 'an empty one'}`,
  };
}
