import { fileURLToPath } from 'node:url';
import type { Engine } from './database';

/** A database URL that cannot be used; the message says why (without the URL's credentials). */
export class DatabaseUrlError extends Error {}

const postgresProtocols = new Set(['postgres:', 'postgresql:']);
const schemaPattern = /^[a-z_][a-z0-9_-]{0,62}$/;
// PostgreSQL cuts identifiers at 63 bytes: longer schema names get a hash suffix instead, so two never collide.
const maxSchemaLength = 63;

/** The engine a URL names: `postgres://` and `postgresql://` are PostgreSQL, anything else is libSQL. */
export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'libsql';
}

/** A PostgreSQL URL split into what node-postgres connects with and the schema its tables live in. */
export interface PostgresLocation {
  /** The URL without the `schema` parameter. */
  connectionString: string;
  /** `schema=` of the URL; null for the connecting role's default search path (`public`). */
  schema: string | null;
}

/** Reads a PostgreSQL URL (`postgres://user:password@host:port/database?schema=name&sslmode=…`). */
export function postgresLocation(url: string): PostgresLocation {
  const parsed = parse(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !schemaPattern.test(schema)) {
    throw new DatabaseUrlError(`schema "${schema}" in the database URL must be lower-case letters, digits, _ and -, up to 63 characters`);
  }
  return { connectionString: parsed.toString(), schema };
}

/** The schema holding an environment's definitions in the service's own PostgreSQL database: `env_<name>`. */
export function environmentSchema(environment: string): string {
  const schema = `env_${environment}`;
  if (schema.length <= maxSchemaLength) return schema;
  let hash = 0;
  for (const char of schema) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return `${schema.slice(0, maxSchemaLength - 9)}_${hash.toString(16).padStart(8, '0')}`;
}

/** `url` (PostgreSQL) pointing at `schema` of the same database, without credentials. */
export function schemaUrl(url: string, schema: string): string {
  const parsed = parse(url);
  parsed.username = '';
  parsed.password = '';
  parsed.searchParams.set('schema', schema);
  return parsed.toString();
}

/**
 * `url` with the credentials of `main` when it names the same server and database as `main` and carries none of
 * its own. Environment schemas in the service's own database are stored without credentials, so a changed
 * password (or a database copied elsewhere) needs no change to them.
 */
export function withCredentialsOf(url: string, main: string): string {
  if (engineOf(url) !== 'postgres' || engineOf(main) !== 'postgres') return url;
  const target = parse(url);
  const source = parse(main);
  if (target.username || target.password || serverOf(target) !== serverOf(source)) return url;
  target.username = source.username;
  target.password = source.password;
  return target.toString();
}

/**
 * A database URL safe to show: no user, password or token. API responses, logs and audit details only ever
 * carry this form. PostgreSQL URLs keep their `schema`; every other query parameter may hold a credential.
 */
export function withoutCredentials(url: string): string {
  if (!/^[a-z]+:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    const schema = engineOf(url) === 'postgres' ? parsed.searchParams.get('schema') : null;
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${schema ? `?schema=${schema}` : ''}`;
  } catch {
    return '[unparseable url]';
  }
}

function parse(url: string): URL {
  try {
    const parsed = new URL(url);
    if (!postgresProtocols.has(parsed.protocol)) throw new DatabaseUrlError(`not a PostgreSQL URL: ${withoutCredentials(url)}`);
    return parsed;
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw error;
    throw new DatabaseUrlError('the PostgreSQL URL cannot be parsed (expected postgres://user:password@host:port/database)');
  }
}

/** Host, port and database with the connection parameters other than schema: what makes two URLs one database. */
function serverOf(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('schema');
  params.sort();
  return `${url.hostname}:${url.port || '5432'}${url.pathname}?${params.toString()}`;
}

/** The path of a libSQL `file:` URL (`file:relative/forge.db`, `file:///abs/forge.db`), without its query. */
export function filePathOf(url: string): string {
  return url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length).replace(/\?.*$/, '');
}
