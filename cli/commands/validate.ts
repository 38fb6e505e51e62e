import { Option, type Command } from 'commander';
import { OperationFailedError } from '../errors';
import { plural } from '../format/plural';
import { examplesHelp } from '../output/helpExamples';
import { formatValidationReport, reportFormats, type ReportFormat } from '../validate/formatValidationReport';
import { validateFileSets } from '../validate/validationReport';
import { readArtifactFiles } from '../workspace/readArtifactFiles';

interface ValidateOptions {
  format: ReportFormat;
  failOnWarnings?: boolean;
}

/** `forge-release validate [paths…]`: the pull-request check over workflow, agent and processor files. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('validate workflow, agent and processor files (exit 1 when errors are found)')
    .argument('[paths...]', "files or folders to validate (default: the repository's artifact files)")
    .addOption(new Option('--format <format>', 'output format').choices(reportFormats).default('text'))
    .option('--fail-on-warnings', 'exit 1 when there are warnings, too')
    .addHelpText('after', examplesHelp(
      ['validate', 'validate examples/claims-repo', 'validate workflows/claims-intake.json --format github'],
      'Exit codes: 0 no errors; 1 errors (or warnings with --fail-on-warnings); 2 usage or unreadable input.',
    ))
    .action(async (paths: string[], options: ValidateOptions) => {
      const report = validateFileSets(await readArtifactFiles(paths, process.cwd()));
      process.stdout.write(formatValidationReport(report, options.format));
      if (report.errors > 0 || (options.failOnWarnings && report.warnings > 0)) {
        throw new OperationFailedError(`validation failed: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`);
      }
    });
}
