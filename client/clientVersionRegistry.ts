import type { ForgeClient } from './forgeClient';
import type { VersionRegistry } from '../git/versionRegistration';

const pageSize = 500;

/** The service's API as a version registry: what `sync` and `version create` register through. */
export function clientVersionRegistry(client: ForgeClient): VersionRegistry {
  return {
    async registeredTags(tags) {
      const wanted = new Set(tags);
      const known = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await client.listVersions({ limit: pageSize, cursor });
        for (const version of page.items) if (wanted.has(version.tag)) known.add(version.tag);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return known;
    },
    createChangeSet: (request) => client.createChangeSet(request),
    async registerVersion(request) {
      const { created } = await client.createVersion(request);
      return { created };
    },
  };
}
