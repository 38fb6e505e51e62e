import { randomUUID } from 'node:crypto';
import type { Role } from '../../core/access/roles';
import type { Page, PageQuery } from '../../core/api/page';
import type { Token, User } from '../../core/api/user';
import type { AuthUser } from '../appEnv';
import { hashToken } from '../auth/tokens';
import type { Database, Queryable, Row, Transaction } from '../store/database';
import { pageBySeq } from '../store/pageBySeq';

/** Inserts a user inside the caller's write transaction. */
export async function insertUser(tx: Transaction, user: { name: string; role: Role }, at: Date): Promise<AuthUser> {
  const id = randomUUID();
  await tx.execute({
    sql: 'INSERT INTO users (id, name, role, created_at, disabled) VALUES (?, ?, ?, ?, 0)',
    args: [id, user.name, user.role, at.toISOString()],
  });
  return { id, name: user.name, role: user.role };
}

/** Stores a token's hash for a user inside the caller's write transaction; the plaintext is never stored. */
export async function insertToken(tx: Transaction, userId: string, name: string, token: string, at: Date): Promise<string> {
  const id = randomUUID();
  await tx.execute({
    sql: 'INSERT INTO tokens (id, user_id, name, hash, created_at) VALUES (?, ?, ?, ?, ?)',
    args: [id, userId, name, hashToken(token), at.toISOString()],
  });
  return id;
}

/** The live token with this hash and its enabled user, or null. */
export async function findTokenOwner(db: Database, tokenHash: string): Promise<{ user: AuthUser; tokenId: string; lastUsedAt: string | null } | null> {
  const result = await db.execute({
    sql: `SELECT u.id, u.name, u.role, t.id AS token_id, t.last_used_at
          FROM tokens t JOIN users u ON u.id = t.user_id
          WHERE t.hash = ? AND t.revoked_at IS NULL AND u.disabled = 0`,
    args: [tokenHash],
  });
  const row = result.rows[0];
  if (!row) return null;
  return {
    user: { id: String(row.id), name: String(row.name), role: String(row.role) as Role },
    tokenId: String(row.token_id),
    lastUsedAt: row.last_used_at === null ? null : String(row.last_used_at),
  };
}

/** Records that a token was used (at most once a minute, so reads stay reads). */
export async function touchToken(db: Database, tokenId: string, lastUsedAt: string | null, now: Date): Promise<void> {
  if (lastUsedAt !== null && now.getTime() - Date.parse(lastUsedAt) < 60_000) return;
  await db.execute({ sql: 'UPDATE tokens SET last_used_at = ? WHERE id = ?', args: [now.toISOString(), tokenId] });
}

/** Whether any user exists (an empty database gets a bootstrap admin). */
export async function hasUsers(db: Database): Promise<boolean> {
  const result = await db.execute('SELECT 1 FROM users LIMIT 1');
  return result.rows.length > 0;
}

const userColumns = 'seq, id, name, role, created_at, disabled';

/** Users, newest first; `seq` numbers them in creation order, so the cursor of one page is stable under inserts. */
export async function listUsers(db: Database, query: PageQuery): Promise<Page<User>> {
  const { rows, nextCursor } = await pageBySeq(db, `SELECT ${userColumns} FROM users`, [], query);
  return { items: rows.map(userFromRow), nextCursor };
}

/** One user, or null. */
export async function findUser(db: Queryable, id: string): Promise<User | null> {
  const result = await db.execute({ sql: `SELECT ${userColumns} FROM users WHERE id = ?`, args: [id] });
  const row = result.rows[0];
  return row ? userFromRow(row) : null;
}

/** Sets a user's role and whether they are disabled, inside the caller's write transaction. */
export async function setUserAccess(tx: Transaction, id: string, access: { role: Role; disabled: boolean }): Promise<void> {
  await tx.execute({ sql: 'UPDATE users SET role = ?, disabled = ? WHERE id = ?', args: [access.role, access.disabled ? 1 : 0, id] });
}

/** How many enabled admins there are (the last one cannot lose the role). */
export async function countAdmins(tx: Queryable): Promise<number> {
  const result = await tx.execute("SELECT COUNT(*) AS admins FROM users WHERE role = 'admin' AND disabled = 0");
  return Number(result.rows[0]?.admins ?? 0);
}

const tokenColumns = 'id, user_id, name, created_at, last_used_at, revoked_at';

/** One token's record (never its hash), or null. */
export async function findToken(db: Queryable, id: string): Promise<Token | null> {
  const result = await db.execute({ sql: `SELECT ${tokenColumns} FROM tokens WHERE id = ?`, args: [id] });
  const row = result.rows[0];
  return row ? tokenFromRow(row) : null;
}

/** A user's tokens, revoked ones included, newest first (never their hashes). */
export async function listTokens(db: Database, userId: string): Promise<Token[]> {
  const result = await db.execute({ sql: `SELECT ${tokenColumns} FROM tokens WHERE user_id = ? ORDER BY created_at DESC, seq DESC`, args: [userId] });
  return result.rows.map(tokenFromRow);
}

/** Marks a token revoked inside the caller's write transaction; false when it already was. */
export async function markTokenRevoked(tx: Transaction, id: string, at: Date): Promise<boolean> {
  const result = await tx.execute({ sql: 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', args: [at.toISOString(), id] });
  return result.rowsAffected > 0;
}

function tokenFromRow(row: Row): Token {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    name: String(row.name),
    createdAt: String(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : String(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
  };
}

function userFromRow(row: Row): User {
  return {
    id: String(row.id),
    name: String(row.name),
    role: String(row.role) as Role,
    createdAt: String(row.created_at),
    disabled: Number(row.disabled) === 1,
  };
}
