/** Why a secret could not be sealed or opened. Never carries the secret or the key. */
export type SecretErrorCode = 'secret_key_invalid' | 'secret_key_unknown' | 'secret_undecryptable';

/** A failure of the server's secret encryption; mapped to a 500 with this code, or a start-up error for a bad key. */
export class SecretError extends Error {
  constructor(
    readonly code: SecretErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretError';
  }
}
