import { z } from 'zod';
import { roles } from '../access/roles';

const roleSchema = z.enum(roles);

/** The signed-in user (`GET /api/me`). */
export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
});

export type Me = z.infer<typeof meSchema>;

/** A user as `GET /api/users` lists it. */
export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  disabled: z.boolean(),
});

const userNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, 'a user name of letters, digits and ._@- (e.g. ada or ada@example.com)');

/** `POST /api/users`. */
export const userCreateSchema = z.strictObject({ name: userNameSchema, role: roleSchema });

/**
 * `PATCH /api/users/:id`: the new role, and/or whether the user is disabled (a disabled user's tokens are
 * refused; enabling them again makes the tokens that were not revoked work again).
 */
export const userUpdateSchema = z
  .strictObject({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((update) => update.role !== undefined || update.disabled !== undefined, { message: 'give a role, disabled, or both' });

export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** `POST /api/users/:id/tokens`: a label telling the user's tokens apart (e.g. "ci", "laptop"). */
export const tokenCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** A token as listed: never its value. */
export const tokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** The answer to `POST /api/users/:id/tokens`: `token` is the plaintext, shown this once and never stored. */
export const tokenCreatedSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  token: z.string(),
});

export type User = z.infer<typeof userSchema>;
export type UserCreate = z.infer<typeof userCreateSchema>;
export type Token = z.infer<typeof tokenSchema>;
export type TokenCreated = z.infer<typeof tokenCreatedSchema>;
