import type { Client } from '@libsql/client';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { hasUsers, insertToken, insertUser } from '../users/userStore';
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
    const admin = await insertUser(tx, { name: 'admin', role: 'admin' }, at);
    const tokenId = await insertToken(tx, admin.id, 'bootstrap', token, at);
    await appendAuditEvent(tx, auditEventInput({
      actor: 'system',
      action: 'user.created',
      outcome: 'success',
      details: { userId: admin.id, name: admin.name, role: admin.role, previousRole: null },
    }), at);
    await appendAuditEvent(tx, auditEventInput({
      actor: 'system',
      action: 'token.created',
      outcome: 'success',
      details: { userId: admin.id, tokenId, name: 'bootstrap' },
    }), at);
    await tx.commit();
    return token;
  } finally {
    tx.close();
  }
}
