import type { ActivationManifest } from './activationManifest';

/**
 * How one gateway answered an activation: acknowledged (2xx); refused (answered otherwise, or could not be
 * reached, so it did not activate); or no answer (timed out or dropped the connection: it may have activated).
 */
export interface GatewayOutcome {
  gateway: string;
  result: 'acknowledged' | 'refused' | 'no-answer';
  detail: string;
}

/** Posts the manifest to every gateway at once; each gets `timeoutMs` to answer. Never throws. */
export async function notifyGateways(
  gateways: readonly string[],
  manifest: ActivationManifest,
  timeoutMs: number,
): Promise<GatewayOutcome[]> {
  const body = JSON.stringify(manifest);
  return Promise.all(gateways.map((gateway) => notifyOne(gateway, body, timeoutMs)));
}

/** Gateways that may hold the new manifest: those that acknowledged, and those whose answer never came. */
export function gatewaysToCompensate(outcomes: readonly GatewayOutcome[]): string[] {
  return outcomes.filter((o) => o.result !== 'refused').map((o) => o.gateway);
}

/** A one-line account of the first failed gateway, for the release's reason. */
export function describeFailure(outcomes: readonly GatewayOutcome[]): string | null {
  const failed = outcomes.filter((o) => o.result !== 'acknowledged');
  if (failed.length === 0) return null;
  return `gateway activation failed: ${failed.map((o) => `${o.gateway} ${o.detail}`).join('; ')}`;
}

async function notifyOne(gateway: string, body: string, timeoutMs: number): Promise<GatewayOutcome> {
  try {
    const response = await fetch(`${gateway.replace(/\/+$/, '')}/forge/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not needed; drain it so the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    return response.ok
      ? { gateway, result: 'acknowledged', detail: `answered ${response.status}` }
      : { gateway, result: 'refused', detail: `answered ${response.status}` };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { gateway, result: 'no-answer', detail: `did not answer within ${timeoutMs} ms` };
    }
    const cause = causeOf(error);
    const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(cause);
    return { gateway, result: unreachable ? 'refused' : 'no-answer', detail: `${unreachable ? 'unreachable' : 'dropped the request'} (${cause})` };
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'unknown error';
}
