import { Option, type Command } from 'commander';
import { ForgeClient } from '../../client/forgeClient';
import { ServiceAccessError, UsageError } from '../errors';

/**
 * The `--url` (or `--server-url`) and `--token` every command that talks to the service takes. `serverUrl` is
 * set instead of `url` on a command whose own `--url` means something else.
 */
export interface ConnectionOptions {
  url?: string;
  serverUrl?: string;
  token?: string;
}

const defaultServiceUrl = 'http://localhost:3500';

/**
 * Adds `--url` (FORGE_URL) and `--token` (FORGE_TOKEN) to a command that calls the service. A command whose own
 * `--url` means something else names the service's `--server-url` instead (read as `serverUrl`).
 */
export function withConnectionOptions<C extends Command>(command: C, urlFlag: '--url' | '--server-url' = '--url'): C {
  return command
    .addOption(new Option(`${urlFlag} <url>`, 'service URL').env('FORGE_URL').default(defaultServiceUrl))
    .addOption(new Option('--token <token>', 'API token (prefer the FORGE_TOKEN variable: flags show up in process lists)').env('FORGE_TOKEN'));
}

/** The API client for the command's service URL and `--token`: exit 3 without a token, 2 for a URL that is not http(s). */
export function connect(options: ConnectionOptions): ForgeClient {
  const url = options.serverUrl ?? options.url ?? defaultServiceUrl;
  const flag = options.serverUrl === undefined ? '--url' : '--server-url';
  if (!options.token) throw new ServiceAccessError('no API token: set FORGE_TOKEN or pass --token', 'no_token');
  if (!/^https?:\/\/[^/]/i.test(url)) {
    throw new UsageError(`the service URL (${flag}, FORGE_URL) must be an http(s) URL such as ${defaultServiceUrl}, got "${url}"`);
  }
  return new ForgeClient({ baseUrl: url, token: options.token });
}
