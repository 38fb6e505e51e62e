/** `?, ?, ?` for an `IN (…)` list of `count` values. */
export function placeholderList(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** `(?, ?), (?, ?)` for a multi-row `VALUES` of `rows` rows of `columns` values each. */
export function rowPlaceholders(rows: number, columns: number): string {
  const row = `(${placeholderList(columns)})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/** `items` cut into consecutive slices of at most `size` (for multi-row statements under the parameter limits). */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

const translated = new Map<string, string>();

/**
 * The statement with PostgreSQL's numbered parameters (`$1`, `$2`, …) for its `?` placeholders. Question marks
 * inside string literals, quoted identifiers and comments are left alone. Cached per SQL text: statements are
 * mostly constants.
 */
export function numberedPlaceholders(sql: string): string {
  const cached = translated.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let next = 1;
  for (let i = 0; i < sql.length; i += 1) {
    const char = sql[i]!;
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, i, char);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (char === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (char === '?') {
      out += `$${next}`;
      next += 1;
    } else {
      out += char;
    }
  }
  if (translated.size < 10_000) translated.set(sql, out);
  return out;
}

// A doubled quote inside a quoted span is an escaped quote, not its end.
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i;
    } else {
      i += 1;
    }
  }
  return sql.length - 1;
}
