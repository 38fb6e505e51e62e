/** The HTTP statuses the API answers errors with (PRODUCT.md §11). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422;

/** A refusal the API reports as `{error:{code,message,details}}`; thrown anywhere, mapped once at the edge. */
export class DomainError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details: unknown = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is malformed or names something invalid. */
export class BadRequestError extends DomainError {
  constructor(message: string, details: unknown = {}, code = 'bad_request') {
    super(400, code, message, details);
  }
}

/** No valid bearer token. */
export class UnauthorizedError extends DomainError {
  constructor(message = 'a valid bearer token is required (Authorization: Bearer <token>)') {
    super(401, 'unauthorized', message);
  }
}

/** The signed-in user's role does not allow the action. */
export class ForbiddenError extends DomainError {
  constructor(message: string, code = 'forbidden', details: unknown = {}) {
    super(403, code, message, details);
  }
}

/** The named resource does not exist. */
export class NotFoundError extends DomainError {
  constructor(what: string, name: string) {
    super(404, 'not_found', `${what} "${name}" not found`, { [what]: name });
  }
}

/** `value`, or a 404 naming what was looked for when it is null. */
export function foundOr404<T>(value: T | null | undefined, what: string, name: string): T {
  if (value === null || value === undefined) throw new NotFoundError(what, name);
  return value;
}

/** The request conflicts with the current state (lock held, tag registered with other content, …). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: unknown = {}) {
    super(409, code, message, details);
  }
}

/** Another release of the environment is in progress. */
export class LockHeldError extends ConflictError {
  constructor(environment: string) {
    super('lock_held', `another release of ${environment} is in progress; try again when it finishes`, { environment });
  }
}

/** The request body is over the size limit. */
export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `the request body is over ${limitBytes} bytes`, { limitBytes });
  }
}

/** A quality gate refused the release; `gates` lists every gate evaluated. */
export class GateFailedError extends DomainError {
  constructor(gates: readonly { gate: string; passed: boolean; reason: string }[]) {
    const failed = gates.filter((g) => !g.passed).map((g) => g.gate);
    super(422, 'gate_failed', `quality gates failed: ${failed.join(', ')}`, { gates });
  }
}
