import type { MiddlewareHandler } from 'hono';
import type { Token, TokenCreated } from '../../core/api/user';
import type { AppEnv, AuthUser } from '../appEnv';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { ForbiddenError, foundOr404 } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import type { Transaction } from '../store/database';
import { findToken, findUser, insertToken, markTokenRevoked } from '../users/userStore';
import { generateToken } from './tokens';

/** Admins manage every user's tokens; anyone else only their own (403 before anything is looked up). */
export function assertTokenOwnerOrAdmin(actor: AuthUser, ownerId: string): void {
  if (actor.role === 'admin' || actor.id === ownerId) return;
  throw new ForbiddenError(`the ${actor.role} role may manage only its own tokens`, 'forbidden', { action: 'manage-tokens', role: actor.role });
}

/** Route guard of `/api/users/:id/tokens`: the path's user must be the signed-in one unless they are an admin. */
export const requireSelfOrAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  assertTokenOwnerOrAdmin(c.var.user, c.req.param('id') ?? '');
  await next();
};

/**
 * Issues a new random 256-bit token for a user and audits `token.created` (its id and name, never its value).
 * The plaintext is returned once; only its hash is stored.
 */
export async function issueToken(deps: ServiceDeps, actor: AuthUser, userId: string, name: string): Promise<TokenCreated> {
  assertTokenOwnerOrAdmin(actor, userId);
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    foundOr404(await findUser(tx, userId), 'user', userId);
    const token = generateToken();
    const id = await insertAuditedToken(tx, actor.name, { userId, name, token }, at);
    return { id, userId, name, createdAt: at.toISOString(), token };
  });
}

/** Stores a token's hash inside `tx` with its `token.created` event (its id and name, never its value); returns its id. */
export async function insertAuditedToken(
  tx: Transaction,
  actorName: string,
  { userId, name, token, recoveredBy }: { userId: string; name: string; token: string; recoveredBy?: string },
  at: Date,
): Promise<string> {
  const tokenId = await insertToken(tx, userId, name, token, at);
  const details = { userId, tokenId, name, ...(recoveredBy ? { recoveredBy } : {}) };
  await appendAuditEvent(tx, auditEventInput({ actor: actorName, action: 'token.created', outcome: 'success', details }), at);
  return tokenId;
}

/**
 * Revokes a token (its next use answers 401) and audits `token.revoked`. Revoking a revoked token changes
 * nothing and appends nothing. An unknown token is a 404; another user's token is a 403 for non-admins.
 */
export async function revokeToken(deps: ServiceDeps, actor: AuthUser, tokenId: string): Promise<Token> {
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    const token = foundOr404(await findToken(tx, tokenId), 'token', tokenId);
    assertTokenOwnerOrAdmin(actor, token.userId);
    if (!(await markTokenRevoked(tx, tokenId, at))) return token;
    await appendAuditEvent(
      tx,
      auditEventInput({
        actor: actor.name,
        action: 'token.revoked',
        outcome: 'success',
        details: { userId: token.userId, tokenId, name: token.name },
      }),
      at,
    );
    return { ...token, revokedAt: at.toISOString() };
  });
}
