import type { Database } from '../store/database';
import { insertAuditedUser } from '../users/manageUsers';
import { hasUsers } from '../users/userStore';
import { insertAuditedToken } from './manageTokens';
import { generateToken } from './tokens';

/**
 * On an empty database, creates the first admin and a token for it: the given one (FORGE_BOOTSTRAP_TOKEN) or a
 * new random one. Returns the plaintext token to print once, or null when users already exist.
 */
export async function bootstrapAdmin(db: Database, at: Date, presetToken?: string): Promise<string | null> {
  if (await hasUsers(db)) return null;
  return db.transaction(async (tx) => {
    // Re-checked under the lock: another process may have bootstrapped since.
    await tx.lock('bootstrap-admin');
    const existing = await tx.execute('SELECT 1 FROM users LIMIT 1');
    if (existing.rows.length > 0) return null;
    const token = presetToken ?? generateToken();
    const admin = await insertAuditedUser(tx, 'system', { name: 'admin', role: 'admin' }, at);
    await insertAuditedToken(tx, 'system', { userId: admin.id, name: 'bootstrap', token }, at);
    return token;
  });
}
