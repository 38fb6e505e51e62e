/** The HTTP statuses the API answers errors with (PRODUCT.md §11). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422;

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

/** A release of the same version to the same environment already waits (for reviewers, or approved for the lock). */
export class ReleasePendingError extends ConflictError {
  constructor(version: string, environment: string, pending: { id: string; approval: string } | null) {
    const waitsFor = pending?.approval === 'approved' ? "is approved and waits for the environment's lock" : 'waits for approval';
    super(
      'release_pending',
      pending
        ? `release ${pending.id} of ${version} to ${environment} ${waitsFor}: decide that one instead of requesting another`
        : `a release of ${version} to ${environment} is already pending`,
      { environment, version, releaseId: pending?.id ?? null },
    );
  }
}

/** The path exists, but not with this method; `allow` lists the methods it has (sent as the `Allow` header). */
export class MethodNotAllowedError extends DomainError {
  constructor(
    method: string,
    path: string,
    readonly allow: readonly string[],
  ) {
    super(405, 'method_not_allowed', `${method} is not allowed on ${path}: it takes ${allow.join(', ')}`, { method, allow });
  }
}

/** The body is not sent as JSON, the only content type the API reads. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor(received: string | null) {
    super(415, 'unsupported_media_type', `send the body as application/json (Content-Type: application/json)${received ? `, not ${received}` : ''}`, {
      expected: 'application/json',
      received,
    });
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
