import { ForgeApiError } from '../../client/forgeApiError';
import type { ForgeClient } from '../../client/forgeClient';

/**
 * The id of the user `nameOrId` names: the signed-in user by name or id, else any user by id or name (listing
 * users takes an admin). Anything else is passed on as an id, so the service's own refusal (404 for nobody,
 * 403 for someone else's tokens) is what the user sees.
 */
export async function resolveUserId(client: ForgeClient, nameOrId: string): Promise<string> {
  const me = await client.me();
  if (nameOrId === me.id || nameOrId === me.name) return me.id;
  try {
    const users = await client.listAllUsers();
    return (users.find((user) => user.id === nameOrId) ?? users.find((user) => user.name === nameOrId))?.id ?? nameOrId;
  } catch (error) {
    // Only admins list users; anyone else may only make their own tokens, which the service will say.
    if (error instanceof ForgeApiError && error.status === 403) return nameOrId;
    throw error;
  }
}
