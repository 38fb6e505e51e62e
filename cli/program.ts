import { version } from '../package.json';
import { ForgeCommand } from './commandLine/forgeCommand';
import { registerAdminCommand } from './commands/admin';
import { registerApprovalCommands } from './commands/approve';
import { registerAuditCommand } from './commands/audit';
import { registerChangeSetCommand } from './commands/changeset';
import { registerCheckCommand } from './commands/check';
import { registerDbCommand } from './commands/db';
import { registerDeployCommand } from './commands/deploy';
import { registerDiffCommand } from './commands/diff';
import { registerEnvCommand } from './commands/env';
import { registerEvalCommand } from './commands/eval';
import { registerPromoteCommand } from './commands/promote';
import { registerReleaseCommand } from './commands/release';
import { registerReportCommand } from './commands/report';
import { registerRollbackCommand } from './commands/rollback';
import { registerServeCommand } from './commands/serve';
import { registerSyncCommand } from './commands/sync';
import { registerUserCommand } from './commands/user';
import { registerValidateCommand } from './commands/validate';
import { registerVersionCommand } from './commands/version';
import { examplesHelp } from './output/helpExamples';

/** The `forge-release` command line: every command, its options and help. */
export function createProgram(): ForgeCommand {
  // Set before registering: subcommands inherit both, so every usage error reaches reportFailure, and commander's
  // own messages read like every other failure (one line, the documented prefix).
  const program = new ForgeCommand('forge-release')
    .version(version)
    .description('Release pipeline for AI workflow definitions: validate, version, deploy, promote and roll back')
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`${usageLine(message)}\n`) })
    // Program options only before the command: `audit --version v1.2.0` filters, and `audit verify --json` is verify's.
    .enablePositionalOptions();

  registerValidateCommand(program);
  registerDiffCommand(program);
  registerServeCommand(program);
  registerDbCommand(program);
  registerAdminCommand(program);
  registerVersionCommand(program);
  registerSyncCommand(program);
  registerChangeSetCommand(program);
  registerDeployCommand(program);
  registerPromoteCommand(program);
  registerRollbackCommand(program);
  registerReleaseCommand(program);
  registerApprovalCommands(program);
  registerCheckCommand(program);
  registerEvalCommand(program);
  registerAuditCommand(program);
  registerReportCommand(program);
  registerEnvCommand(program);
  registerUserCommand(program);

  program.addHelpText(
    'after',
    examplesHelp(
      ['validate --format github', 'version create --push', 'deploy v1.2.0 --env staging --wait', 'promote --env production --wait'],
      `Commands that call the service take --url (FORGE_URL, default http://localhost:3500) and --token (FORGE_TOKEN).
Exit codes: 0 done; 1 the operation failed or was refused (gates, roles, conflicts, not found); 2 usage or a bad
value (also one the service refuses as malformed); 3 the service cannot be reached or refused the token.`,
    ),
  );
  return program;
}

/** `error: unknown option '--jsn'\n(Did you mean --json?)` → `forge-release: unknown option '--jsn' (did you mean --json?)`. */
function usageLine(message: string): string {
  const text = message
    .trim()
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean/g, ' (did you mean')
    .replace(/\s*\n\s*/g, ' ');
  return `forge-release: ${text}`;
}
