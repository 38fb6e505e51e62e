/**
 * A UNIQUE or PRIMARY KEY constraint refused a write: a concurrent insert won (the environment lock, a second
 * decision of one reviewer, a tag registered twice). Both engines' errors are turned into this one.
 */
export class UniqueViolationError extends Error {
  constructor(cause: unknown) {
    super((cause as Error | undefined)?.message ?? 'unique constraint violated', { cause });
    this.name = 'UniqueViolationError';
  }
}

/**
 * A statement's text argument holds a NUL character. PostgreSQL cannot store one in text at all, so both
 * engines refuse it before the statement runs: the same input gets the same answer whichever engine is used.
 */
export class UnstorableTextError extends Error {
  constructor() {
    super('text values may not contain NUL characters (U+0000)');
    this.name = 'UnstorableTextError';
  }
}

/** Throws UnstorableTextError when an argument is text holding a NUL character. */
export function assertStorable(args: readonly unknown[] | undefined): void {
  for (const arg of args ?? []) if (typeof arg === 'string' && arg.includes('\u0000')) throw new UnstorableTextError();
}

/** Whether a store error is a unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueViolationError;
}

/** Whether a libSQL error is a UNIQUE or PRIMARY KEY constraint violation. */
export function isLibsqlUniqueViolation(error: unknown): boolean {
  const { code, extendedCode, message } = (error ?? {}) as { code?: string; extendedCode?: string; message?: string };
  if (extendedCode === 'SQLITE_CONSTRAINT_UNIQUE' || extendedCode === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/i.test(message ?? '');
}

/** Whether a PostgreSQL error is a unique violation (SQLSTATE 23505). */
export function isPostgresUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
