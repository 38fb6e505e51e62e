import type { Engine } from '../store/database';

/** A text column as a JSON string (or `null`), the way `JSON.stringify` writes it; anything but text yields `!`. */
const quotedColumn: Record<Engine, (column: string) => string> = {
  // json_quote escapes as JSON.stringify does; a value of another type (SQLite lets one into a TEXT column) must
  // not pass as text, so it becomes a marker no canonical text holds and the event is checked the slow way.
  libsql: (column) => `CASE typeof(${column}) WHEN 'text' THEN json_quote(${column}) WHEN 'null' THEN 'null' ELSE '!' END`,
  postgres: (column) => `COALESCE(to_json(${column})::text, 'null')`,
};

/**
 * An SQL expression building an event's canonical text (core/audit/eventText.ts) from its stored columns, so a
 * scan of millions of events returns one text per row instead of twelve values to assemble. Only a fast path:
 * whenever the digest of this text misses the stored hash, the event is checked again from its columns in
 * TypeScript, which decides.
 */
export function canonicalEventSql(engine: Engine): string {
  const quoted = quotedColumn[engine];
  const field = (key: string, column: string) => `',"${key}":' || ${quoted(column)}`;
  return [
    `'{"action":' || ${quoted('action')}`,
    field('actor', 'actor'),
    field('at', 'at'),
    `',"details":' || details`,
    field('environment', 'environment'),
    field('id', 'id'),
    field('outcome', 'outcome'),
    field('prevHash', 'prev_hash'),
    field('releaseId', 'release_id'),
    `',"seq":' || seq`,
    field('version', 'version'),
    `'}'`,
  ].join(' || ');
}
