import { maskedValue, variableKeySchema, type MaskedVariable } from '../../core/api/variable';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { BadRequestError } from '../errors';
import type { Queryable, Row, Transaction } from '../store/database';
import { openSecret, rewrapSecret, sealSecret, sealedKeyId } from './secretEnvelope';
import type { SecretKey } from './secretKey';

/** One variable to write. */
export interface VariableWrite {
  environment: string;
  key: string;
  value: string;
  secret: boolean;
}

// The sealed value is bound to its environment and name.
const sealContext = (environment: string, key: string) => `${environment}\u0000${key}`;

/**
 * Creates or replaces a variable inside the caller's write transaction and appends its audit event
 * (`secret.updated` or `variable.updated`, naming the key only), so both commit together. A secret is sealed
 * with `serverKey` before it reaches the database. Setting a plain variable to the value it has changes nothing
 * and is not audited; a secret is always sealed and audited anew, since telling whether a secret already holds a
 * value would let anyone who may set it test guesses of it.
 */
export async function setVariable(tx: Transaction, write: VariableWrite, actor: string, at: Date, serverKey: SecretKey): Promise<MaskedVariable> {
  const key = validKey(write.key);
  if (!write.secret) {
    const current = await tx.execute({
      sql: 'SELECT key, secret, value, updated_by, updated_at FROM environment_variables WHERE environment = ? AND key = ?',
      args: [write.environment, key],
    });
    const row = current.rows[0];
    if (row && Number(row.secret) === 0 && row.value === write.value) return maskedVariable(row);
  }
  const sealed = write.secret ? sealSecret(write.value, serverKey, sealContext(write.environment, key)) : null;
  await tx.execute({
    sql: `INSERT INTO environment_variables (environment, key, secret, value, ciphertext, key_id, updated_by, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (environment, key) DO UPDATE SET secret = excluded.secret, value = excluded.value,
            ciphertext = excluded.ciphertext, key_id = excluded.key_id, updated_by = excluded.updated_by,
            updated_at = excluded.updated_at`,
    args: [write.environment, key, write.secret ? 1 : 0, write.secret ? null : write.value, sealed, write.secret ? serverKey.id : null, actor, at.toISOString()],
  });
  await appendAuditEvent(
    tx,
    auditEventInput({
      actor,
      action: write.secret ? 'secret.updated' : 'variable.updated',
      environment: write.environment,
      outcome: 'success',
      details: { key, secret: write.secret },
    }),
    at,
  );
  return { key, secret: write.secret, value: write.secret ? maskedValue : write.value, updatedBy: actor, updatedAt: at.toISOString() };
}

/** Deletes a variable inside the caller's write transaction and audits it; false when there was none. */
export async function deleteVariable(tx: Transaction, environment: string, key: string, actor: string, at: Date): Promise<boolean> {
  const deleted = await tx.execute({
    sql: 'DELETE FROM environment_variables WHERE environment = ? AND key = ? RETURNING secret',
    args: [environment, validKey(key)],
  });
  const row = deleted.rows[0];
  if (!row) return false;
  const secret = Number(row.secret) === 1;
  await appendAuditEvent(
    tx,
    auditEventInput({ actor, action: secret ? 'secret.deleted' : 'variable.deleted', environment, outcome: 'success', details: { key, secret } }),
    at,
  );
  return true;
}

/** An environment's variables by name, secrets masked: safe for every API response and log. */
export async function listVariables(db: Queryable, environment: string): Promise<MaskedVariable[]> {
  const result = await db.execute({
    sql: 'SELECT key, secret, value, updated_by, updated_at FROM environment_variables WHERE environment = ? ORDER BY key',
    args: [environment],
  });
  return result.rows.map(maskedVariable);
}

/** A row of `key, secret, value, updated_by, updated_at` as the API shows it, a secret masked. */
function maskedVariable(row: Row): MaskedVariable {
  return {
    key: String(row.key),
    secret: Number(row.secret) === 1,
    value: Number(row.secret) === 1 ? maskedValue : String(row.value),
    updatedBy: String(row.updated_by),
    updatedAt: String(row.updated_at),
  };
}

/**
 * Every variable of an environment with secrets decrypted, for the gateway activation manifest only. `keys`
 * are the server keys that may have sealed them (the current one first). Throws a `SecretError` when one
 * cannot be opened.
 */
export async function resolveVariables(db: Queryable, environment: string, keys: readonly SecretKey[]): Promise<Record<string, string>> {
  const result = await db.execute({
    sql: 'SELECT key, secret, value, ciphertext FROM environment_variables WHERE environment = ? ORDER BY key',
    args: [environment],
  });
  return Object.fromEntries(result.rows.map((row) => [String(row.key), plaintextOf(row, environment, keys)]));
}

/**
 * Re-wraps every secret sealed under an older key with `keys[0]`, inside the caller's write transaction;
 * returns how many changed. Run after adding a new server key, before retiring the old one.
 */
export async function rotateSecretKey(tx: Transaction, keys: readonly [SecretKey, ...SecretKey[]]): Promise<number> {
  const [current] = keys;
  const stale = await tx.execute({
    sql: 'SELECT environment, key, ciphertext FROM environment_variables WHERE secret = 1 AND key_id <> ?',
    args: [current.id],
  });
  for (const row of stale.rows) {
    const resealed = rewrapSecret(String(row.ciphertext), keys, current);
    await tx.execute({
      sql: 'UPDATE environment_variables SET ciphertext = ?, key_id = ? WHERE environment = ? AND key = ?',
      args: [resealed, sealedKeyId(resealed), String(row.environment), String(row.key)],
    });
  }
  return stale.rows.length;
}

function plaintextOf(row: Row, environment: string, keys: readonly SecretKey[]): string {
  if (Number(row.secret) !== 1) return String(row.value);
  return openSecret(String(row.ciphertext), keys, sealContext(environment, String(row.key)));
}

function validKey(key: string): string {
  const parsed = variableKeySchema.safeParse(key);
  if (!parsed.success) throw new BadRequestError(`invalid variable name "${key}": ${parsed.error.issues[0]?.message}`, { key }, 'invalid_variable');
  return parsed.data;
}
