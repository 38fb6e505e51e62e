import type { ForgeClient } from '../../client/forgeClient';
import { auditActionFilters } from '../../core/api/audit';
import { UnknownNameError } from '../errors';

/**
 * Refuses audit and report filters that could only match nothing: an `action` that is no action or family of
 * the audit log, an `environment` the service does not have. The service would answer an empty page instead,
 * which reads like "nothing happened" when the filter was a typo.
 */
export async function assertKnownFilters(client: ForgeClient, filters: { action?: string; environment?: string }): Promise<void> {
  if (filters.action !== undefined) {
    const actions = auditActionFilters();
    // Suggestions come from every action; the list shown is the families, each of which covers its actions.
    const families = actions.filter((name) => !name.includes('.'));
    if (!actions.includes(filters.action)) throw new UnknownNameError('action', 'audit action', filters.action, actions, families);
  }
  if (filters.environment !== undefined) {
    const environments = (await client.listEnvironments()).map((environment) => environment.name);
    if (!environments.includes(filters.environment)) throw new UnknownNameError('environment', 'environment', filters.environment, environments);
  }
}
