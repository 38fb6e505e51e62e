import { Argument, Option } from 'commander';
import { reportFormats, reportKinds, type ReportFormat, type ReportKind } from '../../core/api/report';
import { assertKnownFilters } from '../audit/knownFilters';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { printsJson } from '../output/printed';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface ReportOptions extends ConnectionOptions {
  format: ReportFormat;
  start?: string;
  end?: string;
  environment?: string;
  json?: boolean;
  out?: string;
}

/** `forge-release report <kind> [--format md|csv|json] [--start --end --environment] [--out file]`. */
export function registerReportCommand(program: ForgeCommand): void {
  withConnectionOptions(
    program
      .command('report')
      .description('a compliance report built from the audit log (admins and maintainers): its period, generation time and chain head included')
      .addArgument(new Argument('<kind>', 'changelog (versions and their PRs), deployments (releases and approvals) or access (production reads)').choices(reportKinds))
      .addOption(new Option('--format <format>', 'output format (json: same as --json)').choices(reportFormats).default('md'))
      .option('--start <time>', 'from this date or date-time (inclusive)')
      .option('--end <time>', 'until this date or date-time (inclusive: a date covers the whole day)')
      .option('--environment <name>', 'only this environment (it must exist)')
      .option('--out <file>', 'write to this file instead of stdout'),
  )
    .addHelpText('after', examplesHelp(['report changelog --start 2024-03-01 --end 2024-03-31 --out changelog.md', 'report deployments --environment production --format csv --out deployments.csv']))
    .prints('the report', async (kind: ReportKind, options: ReportOptions) => {
      const client = connect(options);
      await assertKnownFilters(client, options);
      const query = { start: options.start, end: options.end, environment: options.environment };
      if (printsJson(options)) return { data: await client.report(kind, query), text: () => '' };
      const text = await client.reportText(kind, options.format === 'csv' ? 'csv' : 'md', query);
      return { data: null, text: () => text };
    });
}
