import { dirname } from 'node:path';
import { Option } from 'commander';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { OperationFailedError } from '../errors';
import { plural } from '../format/plural';
import { examplesHelp } from '../output/helpExamples';
import { formatValidationReport, reportFormats, validationReportJson, type ReportFormat } from '../validate/formatValidationReport';
import { validateFileSets } from '../validate/validationReport';
import { gitWorkTreeRoot } from '../workspace/gitWorkTreeRoot';
import { readArtifactFiles } from '../workspace/readArtifactFiles';
import { shownPath } from '../workspace/shownPath';

interface ValidateOptions {
  format: ReportFormat;
  failOnWarnings?: boolean;
}

/** `forge-release validate [paths…]`: the pull-request check over workflow, agent and processor files. */
export function registerValidateCommand(program: ForgeCommand): void {
  program
    .command('validate')
    .description('validate workflow, agent and processor files (exit 1 when errors are found)')
    .argument('[paths...]', "files or folders to validate (default: the repository's artifact files)")
    .addOption(
      new Option('--format <format>', 'output format (json: same as --json; github: annotations, paths from the git root)').choices(reportFormats).default('text'),
    )
    .option('--fail-on-warnings', 'exit 1 when there are warnings, too')
    .addHelpText(
      'after',
      examplesHelp(
        ['validate', 'validate examples/claims-repo', 'validate workflows/claims-intake.json --format github'],
        'Exit codes: 0 no errors; 1 errors (or warnings with --fail-on-warnings); 2 usage or unreadable input.',
      ),
    )
    .prints('the report ({files, errors, warnings})', async (paths: string[], options: ValidateOptions) => {
      const cwd = process.cwd();
      // GitHub places an annotation by its path from the repository root, wherever the job ran the command.
      const nameOf = options.format === 'github' ? (absolutePath: string) => shownPath(gitWorkTreeRoot(dirname(absolutePath)) ?? cwd, absolutePath) : undefined;
      const report = validateFileSets(await readArtifactFiles(paths, cwd, nameOf));
      const failed = report.errors > 0 || (options.failOnWarnings && report.warnings > 0);
      return {
        data: validationReportJson(report),
        text: () => formatValidationReport(report, options.format === 'github' ? 'github' : 'text'),
        failure: failed ? new OperationFailedError(`validation failed: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`) : undefined,
      };
    });
}
