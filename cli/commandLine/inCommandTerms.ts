import type { Command } from 'commander';
import { collectPages } from '../../client/collectPages';
import { ForgeApiError } from '../../client/forgeApiError';
import type { ForgeClient } from '../../client/forgeClient';
import { UnknownRefError } from '../../git/gitErrors';
import { ApiRefusalError, UnknownNameError, UsageError } from '../errors';
import { connect } from '../service/serviceConnection';
import { commandInputs, inputForField, inputForValue, type CommandInput } from './commandInputs';
import { refusalLine, wordIssue, type RefusalIssue } from './issueWording';
import { didYouMean, knownNames, nearAndKnownNames } from './nameSuggestions';

// Enough registered versions to find a typo among the recent ones without paging through years of history.
const suggestedVersionsScanned = 2_000;

/**
 * Rewords an error escaping `command`'s action in the terms of its command line: a value the service refused as
 * malformed (400, exit 2), a name it does not know (404: an environment, a version), or a git ref that names no
 * commit, is reported against the flag or argument the user typed, with the nearest known names. Every other
 * error passes through unchanged.
 */
export async function inCommandTerms(error: unknown, command: Command): Promise<unknown> {
  if (error instanceof UnknownRefError) {
    const input = inputForValue(commandInputs(command), 'ref', error.ref);
    return input ? new UsageError(`${input.label}: ${error.message}`) : error;
  }
  if (error instanceof UnknownNameError) {
    const input = inputForValue(commandInputs(command), error.field, error.value);
    const subject = `${input ? `${input.label}: ` : ''}${error.message}`;
    return new UsageError(`${subject}${nearAndKnownNames(error.value, error.known, error.listed)}`);
  }
  if (!(error instanceof ForgeApiError)) return error;
  if (error.status === 400) return malformedValue(error, commandInputs(command));
  if (error.status === 404) return unknownName(error, commandInputs(command), () => connect(command.opts()));
  return error;
}

function malformedValue(error: ForgeApiError, inputs: readonly CommandInput[]): UsageError {
  const details = error.details as { issues?: unknown } | null | undefined;
  const issues = Array.isArray(details?.issues) ? details.issues.filter(isIssue) : [];
  if (issues.length > 0) {
    const lines = issues.map((issue) => {
      const input = issue.path ? inputForField(inputs, issue.path) : undefined;
      return refusalLine(input?.label ?? `the request's ${issue.path || 'body'}`, wordIssue(issue));
    });
    return new UsageError([...new Set(lines)].join('; '));
  }
  // A refusal that names the value in its details (`{cursor}`, `{key}`): said against the flag that gave it.
  const named = Object.entries(asRecord(error.details)).find(([, value]) => typeof value === 'string');
  const input = named ? inputForValue(inputs, named[0], String(named[1])) : undefined;
  return new UsageError(input ? `${input.label}: ${error.message}` : `${error.message} (400 ${error.code})`);
}

async function unknownName(error: ForgeApiError, inputs: readonly CommandInput[], client: () => ForgeClient): Promise<unknown> {
  // A 404's details name what was looked for: {environment: "prod"}, {version: "v1.2"}, {user: "…"}.
  const named = Object.entries(asRecord(error.details)).find(([, value]) => typeof value === 'string');
  if (!named) return error;
  const [what, name] = [named[0], String(named[1])];
  const input = inputForValue(inputs, what, name);
  const hint = await knownNearby(what, name, client).catch(() => '');
  return new ApiRefusalError(`${input ? `${input.label}: ` : ''}${error.message}${hint} (404 ${error.code})`, error.code);
}

/** Suggestions for a name the service does not know; a courtesy, so a failed lookup only leaves them out. */
async function knownNearby(what: string, name: string, clientOf: () => ForgeClient): Promise<string> {
  if (what === 'environment') {
    const names = (await clientOf().listEnvironments()).map((environment) => environment.name);
    return didYouMean(name, names) || knownNames(names);
  }
  if (what === 'version') {
    const client = clientOf();
    const versions = await collectPages((cursor) => client.listVersions({ limit: 500, cursor }), suggestedVersionsScanned);
    return didYouMean(
      name,
      versions.map((version) => version.tag),
    );
  }
  if (what === 'user') {
    const client = clientOf();
    const users = await client.listAllUsers();
    return didYouMean(
      name,
      users.map((user) => user.name),
    );
  }
  return '';
}

function isIssue(value: unknown): value is RefusalIssue & { path: string } {
  const issue = value as Partial<RefusalIssue & { path: unknown }> | null;
  return typeof issue?.code === 'string' && typeof issue.message === 'string' && typeof issue.path === 'string';
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
