import type { Command } from 'commander';
import type { ReleaseOptions } from '../../client/forgeClient';
import { withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

/** The options deploy, promote and rollback share. */
export interface ReleaseCommandOptions extends ConnectionOptions {
  wait?: boolean;
  json?: boolean;
  breakGlass?: string;
}

/** Adds `--wait`, `--break-glass`, `--json` and the connection options to a release command. */
export function withReleaseOptions(command: Command, json = 'print the release as JSON (progress goes to stderr)'): Command {
  return withConnectionOptions(
    command
      .option('--wait', 'follow the release until it succeeds or fails (exit 1 when it fails, is rejected or expires)')
      .option('--break-glass <reason>', 'admins only: go through a deploy freeze window, with the reason audited')
      .option('--json', json),
  );
}

/** The request's break-glass override, when `--break-glass` was given. */
export function breakGlassOf(options: ReleaseCommandOptions): ReleaseOptions {
  return options.breakGlass ? { override: { reason: options.breakGlass } } : {};
}
