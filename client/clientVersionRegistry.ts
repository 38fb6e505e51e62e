import { collectPages } from './collectPages';
import type { ForgeClient } from './forgeClient';
import type { VersionRegistry } from '../git/versionRegistration';

const pageSize = 500;

/** The service's API as a version registry: what `sync` and `version create` register through. */
export function clientVersionRegistry(client: ForgeClient): VersionRegistry {
  return {
    async registeredCommits(tags) {
      const wanted = new Set(tags);
      const versions = await collectPages((cursor) => client.listVersions({ limit: pageSize, cursor }));
      return new Map(versions.filter((version) => wanted.has(version.tag)).map((version) => [version.tag, version.commit]));
    },
    createChangeSet: (request) => client.createChangeSet(request),
    async registerVersion(request) {
      const { created } = await client.createVersion(request);
      return { created };
    },
  };
}
