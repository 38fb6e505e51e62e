import type { GateResult } from '../core/gates/gateResult';

/** A refusal from the Forge Releases API (or a response the client could not understand), with its code. */
export class ForgeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = {},
  ) {
    super(message);
    this.name = 'ForgeApiError';
  }
}

/** The gates that refused a release, from a 422 `gate_failed` refusal (PRODUCT.md §11); empty for any other error. */
export function failedGatesOf(error: ForgeApiError): GateResult[] {
  const gates = (error.details as { gates?: unknown } | undefined)?.gates;
  return error.code === 'gate_failed' && Array.isArray(gates) ? (gates as GateResult[]).filter((gate) => !gate.passed) : [];
}
