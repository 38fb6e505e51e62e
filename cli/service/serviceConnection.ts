import { Option, type Command } from 'commander';
import { ForgeClient } from '../../client/forgeClient';
import { ServiceAccessError, UsageError } from '../errors';

/** The `--url` and `--token` every command that talks to the service takes. */
export interface ConnectionOptions {
  url: string;
  token?: string;
}

const defaultServiceUrl = 'http://localhost:3500';

/**
 * Adds `--url` (FORGE_URL) and `--token` (FORGE_TOKEN) to a command that calls the service. A command whose own
 * `--url` means something else names the service's `--server-url` instead (read as `serverUrl`).
 */
export function withConnectionOptions(command: Command, urlFlag: '--url' | '--server-url' = '--url'): Command {
  return command
    .addOption(new Option(`${urlFlag} <url>`, 'service URL').env('FORGE_URL').default(defaultServiceUrl))
    .addOption(new Option('--token <token>', 'API token (prefer the FORGE_TOKEN variable: flags show up in process lists)').env('FORGE_TOKEN'));
}

/** The API client for the command's `--url` and `--token`: exit 3 without a token, 2 for a URL that is not http(s). */
export function connect(options: ConnectionOptions): ForgeClient {
  if (!options.token) throw new ServiceAccessError('no API token: set FORGE_TOKEN or pass --token', 'no_token');
  if (!/^https?:\/\/[^/]/i.test(options.url)) {
    throw new UsageError(`the service URL (--url, FORGE_URL) must be an http(s) URL such as ${defaultServiceUrl}, got "${options.url}"`);
  }
  return new ForgeClient({ baseUrl: options.url, token: options.token });
}
