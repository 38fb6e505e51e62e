/** Whether a libSQL error is a UNIQUE or PRIMARY KEY constraint violation (a concurrent insert won). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, extendedCode, message } = (error ?? {}) as { code?: string; extendedCode?: string; message?: string };
  if (extendedCode === 'SQLITE_CONSTRAINT_UNIQUE' || extendedCode === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/i.test(message ?? '');
}
