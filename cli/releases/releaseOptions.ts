import type { Command } from 'commander';
import type { ReleaseOptions } from '../../client/forgeClient';
import { withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

/** The options deploy, promote and rollback share. */
export interface ReleaseCommandOptions extends ConnectionOptions {
  wait?: boolean;
  json?: boolean;
  breakGlass?: string;
}

/** The `--wait` of the commands that start or follow a release. */
export const waitOption = [
  '--wait',
  'follow the release until it succeeds or fails, then through its verification window (exit 1 when it fails, is rejected or expires; 4 when verification fails; 5 when it is inconclusive)',
] as const;

/** Adds `--wait`, `--break-glass` and the connection options to a release command. */
export function withReleaseOptions<C extends Command>(command: C): C {
  return withConnectionOptions(command.option(...waitOption).option('--break-glass <reason>', 'admins only: go through a deploy freeze window, with the reason audited'));
}

/** The request's break-glass override, when `--break-glass` was given. */
export function breakGlassOf(options: ReleaseCommandOptions): ReleaseOptions {
  return options.breakGlass ? { override: { reason: options.breakGlass } } : {};
}
