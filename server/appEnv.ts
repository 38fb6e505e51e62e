import type { Role } from '../core/access/roles';

/** The signed-in user the auth middleware puts on the context. */
export interface AuthUser {
  id: string;
  name: string;
  role: Role;
}

/** Hono's environment for every route: `c.var.user` is set on every `/api` route past authentication. */
export interface AppEnv {
  Variables: {
    user: AuthUser;
    tokenId: string;
  };
}
