import { CommanderError } from 'commander';
import { ZodError } from 'zod';
import { failedGatesOf, ForgeApiError } from '../client/forgeApiError';
import { GitLayerError, NotAGitRepositoryError, UnknownRefError } from '../git/gitErrors';
import { refusalLine, wordIssue } from './commandLine/issueWording';

/** Exit codes of `forge-release`, shared by every command. */
const exitCodes = {
  ok: 0,
  /** The operation ran and failed, or validation found errors. */
  failed: 1,
  /** Bad command line, or a path that is missing or unreadable. */
  usage: 2,
  /** The service cannot be reached, or it refused the token (401). */
  access: 3,
  /** `--wait`: the release succeeded, but a metric breached its bound in the verification window. */
  verificationFailed: 4,
  /** `--wait`: the release succeeded, but its verification window could not judge every check (or was cut short). */
  verificationInconclusive: 5,
} as const;

/** An error a command reports to the user as one line, with the exit code it maps to. */
class CliError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line asks for something impossible (a bad option value, a missing argument). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 'usage', exitCodes.usage);
  }
}

/** A file or folder the command needs is missing or cannot be read. */
export class InputError extends CliError {
  constructor(message: string) {
    super(message, 'input', exitCodes.usage);
  }
}

/** The command ran to the end and its outcome is a failure (e.g. validation found errors). */
export class OperationFailedError extends CliError {
  constructor(message: string) {
    super(message, 'failed', exitCodes.failed);
  }
}

/** A followed release succeeded but its verification window failed (exit 4) or was inconclusive (exit 5). */
export class VerificationOutcomeError extends CliError {
  constructor(message: string, outcome: 'failed' | 'inconclusive') {
    super(message, `verification_${outcome}`, outcome === 'failed' ? exitCodes.verificationFailed : exitCodes.verificationInconclusive);
  }
}

/** The service refused the operation (403, 404, 409, 422 …): its message and code, exit 1. */
export class ApiRefusalError extends CliError {
  constructor(message: string, code: string) {
    super(message, code, exitCodes.failed);
  }
}

/**
 * A value that names nothing known (an environment, an audit action family), refused before anything is asked
 * of the service. `field` is the API field it fills; the command reports it against the flag that gave it, with
 * the `known` names nearest to it and the `listed` ones (default: all known).
 */
export class UnknownNameError extends Error {
  constructor(
    readonly field: string,
    readonly what: string,
    readonly value: string,
    readonly known: readonly string[],
    readonly listed: readonly string[] = known,
  ) {
    super(`unknown ${what} "${value}"`);
    this.name = new.target.name;
  }
}

/** The service cannot be reached, or it does not accept the token: nothing was done. */
export class ServiceAccessError extends CliError {
  constructor(message: string, code = 'unreachable') {
    super(message, code, exitCodes.access);
  }
}

/**
 * The CLI's reading of an API failure: unreachable or 401 → exit 3; a malformed value (400) → exit 2; any other
 * refusal (403, 404, 409, 422 …) → exit 1 with the API's code and message, a refused release's failed gates
 * listed one per line.
 */
function cliErrorOf(error: ForgeApiError): CliError {
  if (error.status === 0 && error.code === 'unreachable') return new ServiceAccessError(error.message);
  if (error.status === 401) {
    return new ServiceAccessError(`${error.message} (check --token or FORGE_TOKEN)`, error.code);
  }
  // A malformed value the command did not word in its own flags (a request built from the repository).
  if (error.status === 400) return new UsageError(`${error.message} (400 ${error.code})`);
  const gateLines = failedGatesOf(error)
    .map((gate) => `\n  ✗ ${gate.gate}: ${gate.reason}`)
    .join('');
  return new ApiRefusalError(`${error.message} (${error.status ? `${error.status} ` : ''}${error.code})${gateLines}`, error.code);
}

/** Git failures: a folder that is no repository or a ref that does not exist is a usage problem; the rest failed. */
function gitCliError(error: GitLayerError): CliError {
  if (error instanceof NotAGitRepositoryError || error instanceof UnknownRefError) return new UsageError(error.message);
  return new CliError(error.message, error.code, exitCodes.failed);
}

/**
 * Maps any error escaping a command to its exit code, writing one line to stderr (never a stack trace).
 * Commander has already printed its own usage errors (with the same `forge-release:` prefix), so those only get
 * their code.
 */
export function reportFailure(error: unknown, stderr: { write(text: string): unknown }): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  if (error instanceof ForgeApiError) return reportFailure(cliErrorOf(error), stderr);
  if (error instanceof GitLayerError) return reportFailure(gitCliError(error), stderr);
  if (error instanceof ZodError) {
    // A request built from the repository that the API contract would refuse (e.g. too many artifacts).
    const issue = error.issues[0];
    const wording = issue ? wordIssue(issue) : 'is invalid';
    return reportFailure(new OperationFailedError(`the request does not fit the API: ${refusalLine(`its ${issue?.path.join('.') || 'body'}`, wording)}`), stderr);
  }
  if (error instanceof CliError) {
    stderr.write(`forge-release: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`forge-release: unexpected failure: ${message}\n`);
  return exitCodes.failed;
}
