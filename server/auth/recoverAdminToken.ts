import type { Database } from '../store/database';
import { unappliedMigrations } from '../store/schemaState';
import { insertAuditedToken } from './manageTokens';
import { generateToken } from './tokens';

/** Why no token could be recovered: the database or the named user is not one recovery can work on. */
export class RecoveryError extends Error {
  readonly code = 'recovery_refused';
}

/** A token made by recovery: its plaintext is in this answer only. */
export interface RecoveredToken {
  userId: string;
  user: string;
  tokenId: string;
  name: string;
  createdAt: string;
  token: string;
}

/**
 * Makes a new API token for an admin straight in the service database, for whoever can reach the database (its
 * data directory or its URL) but lost every admin token, e.g. the first admin's, printed once at the first start.
 * The admin is `userName` (default: the first admin still enabled). Written in one transaction with a
 * `token.created` event naming `recoveredBy`, so the audit trail says a token was made outside the API.
 */
export async function recoverAdminToken(db: Database, request: { userName?: string; tokenName: string; recoveredBy: string }, at: Date): Promise<RecoveredToken> {
  const missing = await unappliedMigrations(db);
  if (missing === null) throw new RecoveryError('this is not a Forge Releases database (it has no schema_migrations table)');
  if (missing.length > 0) throw new RecoveryError(`the database lacks migrations ${missing.join(', ')}: start this version of the service on it once, then recover`);
  return db.transaction(async (tx) => {
    const admin =
      request.userName === undefined
        ? (await tx.execute("SELECT id, name, role, disabled FROM users WHERE role = 'admin' AND disabled = 0 ORDER BY seq LIMIT 1")).rows[0]
        : (await tx.execute({ sql: 'SELECT id, name, role, disabled FROM users WHERE name = ?', args: [request.userName] })).rows[0];
    if (!admin) {
      throw new RecoveryError(
        request.userName === undefined
          ? 'the database has no enabled admin yet: start the service once, it creates the first admin'
          : `no user "${request.userName}" in this database`,
      );
    }
    if (admin.role !== 'admin' || Number(admin.disabled) !== 0) {
      throw new RecoveryError(
        `${String(admin.name)} is ${Number(admin.disabled) !== 0 ? 'disabled' : `a ${String(admin.role)}, not an admin`}: recovery makes tokens for enabled admins only`,
      );
    }
    const token = generateToken();
    const userId = String(admin.id);
    const tokenId = await insertAuditedToken(tx, 'system', { userId, name: request.tokenName, token, recoveredBy: request.recoveredBy }, at);
    return { userId, user: String(admin.name), tokenId, name: request.tokenName, createdAt: at.toISOString(), token };
  });
}
