import { Command } from 'commander';
import { version } from '../package.json';
import { registerDiffCommand } from './commands/diff';
import { registerServeCommand } from './commands/serve';
import { registerValidateCommand } from './commands/validate';
import { reportFailure } from './errors';

// exitOverride before registering: subcommands inherit it, so every usage error reaches reportFailure.
const program = new Command('forge-release')
  .version(version)
  .description('Release pipeline for AI workflow definitions: validate, version, deploy, promote and roll back')
  .exitOverride();

registerValidateCommand(program);
registerDiffCommand(program);
registerServeCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportFailure(error, process.stderr);
});
