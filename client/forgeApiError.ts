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
