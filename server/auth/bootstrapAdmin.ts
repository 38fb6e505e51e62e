import type { Client } from '@libsql/client';
import { insertAuditedUser } from '../users/manageUsers';
import { hasUsers } from '../users/userStore';
import { insertAuditedToken } from './manageTokens';
import { generateToken } from './tokens';

/**
 * On an empty database, creates the first admin and a token for it: the given one (FORGE_BOOTSTRAP_TOKEN) or a
 * new random one. Returns the plaintext token to print once, or null when users already exist.
 */
export async function bootstrapAdmin(db: Client, at: Date, presetToken?: string): Promise<string | null> {
  if (await hasUsers(db)) return null;
  const tx = await db.transaction('write');
  try {
    // Re-checked under the write lock: another process may have bootstrapped since.
    const existing = await tx.execute('SELECT 1 FROM users LIMIT 1');
    if (existing.rows.length > 0) {
      await tx.rollback();
      return null;
    }
    const token = presetToken ?? generateToken();
    const admin = await insertAuditedUser(tx, 'system', { name: 'admin', role: 'admin' }, at);
    await insertAuditedToken(tx, 'system', { userId: admin.id, name: 'bootstrap', token }, at);
    await tx.commit();
    return token;
  } finally {
    tx.close();
  }
}
