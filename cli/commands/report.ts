import { Argument, Option, type Command } from 'commander';
import { reportFormats, reportKinds, type ReportFormat, type ReportKind } from '../../core/api/report';
import { examplesHelp } from '../output/helpExamples';
import { writeOutput } from '../output/writeOutput';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface ReportOptions extends ConnectionOptions {
  format: ReportFormat;
  start?: string;
  end?: string;
  environment?: string;
  out?: string;
}

/** `forge-release report <kind> [--format md|csv|json] [--start --end --environment] [--out file]`. */
export function registerReportCommand(program: Command): void {
  withConnectionOptions(
    program
      .command('report')
      .description('a compliance report built from the audit log (admins and maintainers): its period, generation time and chain head included')
      .addArgument(new Argument('<kind>', 'changelog (versions and their PRs), deployments (releases and approvals) or access (production reads)').choices(reportKinds))
      .addOption(new Option('--format <format>', 'output format').choices(reportFormats).default('md'))
      .option('--start <time>', 'from this date or date-time (inclusive)')
      .option('--end <time>', 'until this date or date-time (inclusive: a date covers the whole day)')
      .option('--environment <name>', 'only this environment')
      .option('--json', 'same as --format json')
      .option('--out <file>', 'write to this file instead of stdout'),
  )
    .addHelpText('after', examplesHelp(['report changelog --start 2024-03-01 --end 2024-03-31 --out changelog.md', 'report deployments --environment production --format csv --out deployments.csv']))
    .action(async (kind: ReportKind, options: ReportOptions & { json?: boolean }) => {
      const client = connect(options);
      const query = { start: options.start, end: options.end, environment: options.environment };
      const format = options.json ? 'json' : options.format;
      const text = format === 'json' ? `${JSON.stringify(await client.report(kind, query), null, 2)}\n` : await client.reportText(kind, format, query);
      await writeOutput(text, options.out);
    });
}
