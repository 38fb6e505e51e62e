const readOnly = new Map<string, boolean>();

/**
 * Whether a statement only reads: a plain SELECT naming no write. Anything else (writes, DDL, a CTE) counts as a
 * write, which is the safe side for both callers: the in-process write queue and the change counter.
 * Classified once per SQL text, since statements are mostly constants.
 */
export function isReadOnlyStatement(sql: string): boolean {
  let read = readOnly.get(sql);
  if (read === undefined) {
    read = /^\s*SELECT\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
    if (readOnly.size < 10_000) readOnly.set(sql, read);
  }
  return read;
}
