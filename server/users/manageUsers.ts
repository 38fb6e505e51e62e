import type { User, UserCreate, UserUpdate } from '../../core/api/user';
import type { AuthUser } from '../appEnv';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { ConflictError, foundOr404 } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import { isUniqueViolation } from '../store/constraintErrors';
import type { Transaction } from '../store/database';
import { countAdmins, findUser, insertUser, setUserAccess } from './userStore';

/** Serialises changes to who holds which role. */
const usersLock = 'users';

/** Creates a user and audits `user.created` in one transaction; a taken name is a 409 `user_exists`. */
export async function createUser(deps: ServiceDeps, actor: AuthUser, request: UserCreate): Promise<User> {
  const at = deps.clock();
  try {
    const user = await deps.db.transaction((tx) => insertAuditedUser(tx, actor.name, request, at));
    return { ...user, createdAt: at.toISOString(), disabled: false };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('user_exists', `a user named "${request.name}" already exists`, { name: request.name });
    throw error;
  }
}

/**
 * Changes a user's role and/or disables or enables them, and audits `user.updated` with the previous role (and
 * `disabled` when that changed). A disabled user's tokens are refused from their next request on. The last
 * enabled admin can neither lose the role nor be disabled (409 `last_admin`), so the service always has
 * someone who can manage it. A change to what already holds changes nothing.
 */
export async function updateUser(deps: ServiceDeps, actor: AuthUser, id: string, update: UserUpdate): Promise<User> {
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    // Changes of who may manage the service are decided one at a time, so two at once cannot leave no admin.
    await tx.lock(usersLock);
    const user = foundOr404(await findUser(tx, id), 'user', id);
    const role = update.role ?? user.role;
    const disabled = update.disabled ?? user.disabled;
    if (role === user.role && disabled === user.disabled) return user;
    const losesAdmin = user.role === 'admin' && !user.disabled && (role !== 'admin' || disabled);
    if (losesAdmin && (await countAdmins(tx)) <= 1) {
      throw new ConflictError('last_admin', `${user.name} is the last admin; make another user admin first`, { userId: id });
    }
    await setUserAccess(tx, id, { role, disabled });
    await appendAuditEvent(
      tx,
      auditEventInput({
        actor: actor.name,
        action: 'user.updated',
        outcome: 'success',
        details: { userId: id, name: user.name, role, previousRole: user.role, ...(disabled === user.disabled ? {} : { disabled }) },
      }),
      at,
    );
    return { ...user, role, disabled };
  });
}

/** Inserts a user inside `tx` with its `user.created` event, by `actorName` (`system` for the first admin). */
export async function insertAuditedUser(tx: Transaction, actorName: string, request: UserCreate, at: Date): Promise<AuthUser> {
  const user = await insertUser(tx, request, at);
  await appendAuditEvent(
    tx,
    auditEventInput({
      actor: actorName,
      action: 'user.created',
      outcome: 'success',
      details: { userId: user.id, name: user.name, role: user.role, previousRole: null },
    }),
    at,
  );
  return user;
}
