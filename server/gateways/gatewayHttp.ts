/**
 * One HTTP exchange with a gateway: it answered (any status, with its JSON body when it sent one); it could not be
 * reached (nothing was received, so nothing changed there); or no answer came in time or the connection dropped
 * (the request may have been applied).
 */
export type GatewayAnswer = { kind: 'answered'; status: number; body: unknown } | { kind: 'unreachable'; detail: string } | { kind: 'no-answer'; detail: string };

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Sends one request with `timeoutMs` for the whole exchange, the answer's body included. Never throws. A read
 * (GET) whose connection drops is sent once more: a kept-alive connection to a gateway that restarted fails
 * its first use.
 */
export async function gatewayRequest(url: string, init: RequestInit, timeoutMs: number): Promise<GatewayAnswer> {
  const answer = await sendOnce(url, init, timeoutMs);
  const isRead = (init.method ?? 'GET') === 'GET';
  return isRead && answer.kind === 'no-answer' && answer.dropped ? sendOnce(url, init, timeoutMs) : answer;
}

async function sendOnce(url: string, init: RequestInit, timeoutMs: number): Promise<GatewayAnswer & { dropped?: boolean }> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { kind: 'answered', status: response.status, body: parseOrNull(text) };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'no-answer', detail: `did not answer within ${timeoutMs} ms` };
    const cause = causeOf(error);
    return unreachableCodes.has(cause)
      ? { kind: 'unreachable', detail: `unreachable (${cause})` }
      : { kind: 'no-answer', detail: `dropped the request (${cause})`, dropped: true };
  }
}

/** The `Authorization` header of a bearer token, when there is one. */
export function bearerHeader(token: string | null): Record<string, string> {
  return token === null ? {} : { authorization: `Bearer ${token}` };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'unknown error';
}
