import { CommanderError } from 'commander';

/** Exit codes of `forge-release`, shared by every command. */
export const exitCodes = {
  ok: 0,
  /** The operation ran and failed, or validation found errors. */
  failed: 1,
  /** Bad command line, or a path that is missing or unreadable. */
  usage: 2,
} as const;

/** An error a command reports to the user as one line, with the exit code it maps to. */
export class CliError extends Error {
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

/**
 * Maps any error escaping a command to its exit code, writing one line to stderr (never a stack trace).
 * Commander has already printed its own usage errors, so those only get their code.
 */
export function reportFailure(error: unknown, stderr: { write(text: string): unknown }): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  if (error instanceof CliError) {
    stderr.write(`forge-release: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`forge-release: unexpected failure: ${message}\n`);
  return exitCodes.failed;
}
