import { resolve } from 'node:path';
import { Argument, Option } from 'commander';
import { reportFormats, reportKinds, type ReportFormat, type ReportKind } from '../../core/api/report';
import { verifyReport } from '../../core/audit/reportSignature';
import { assertKnownFilters } from '../audit/knownFilters';
import { readPublicKeyFile } from '../audit/verifyOffline';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { OperationFailedError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import { printsJson } from '../output/printed';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { readTextFile } from '../workspace/readTextFile';

interface ReportOptions extends ConnectionOptions {
  format: ReportFormat;
  start?: string;
  end?: string;
  environment?: string;
  json?: boolean;
  out?: string;
}

/** `forge-release report <kind> [--format md|csv|json] [--start --end --environment] [--out file]`, and `report verify <file>`. */
export function registerReportCommand(program: ForgeCommand): void {
  const report = withConnectionOptions(
    program
      .command('report')
      // Its options come before a subcommand's name, so `report verify --json` is the subcommand's.
      .enablePositionalOptions()
      .description(
        'a compliance report built from the audit log (admins and maintainers): its period, generation time, chain head and signed checkpoint included, and signed',
      )
      .addArgument(new Argument('<kind>', 'changelog (versions and their PRs), deployments (releases and approvals) or access (production reads)').choices(reportKinds))
      .addOption(new Option('--format <format>', 'output format (json: same as --json)').choices(reportFormats).default('md'))
      .option('--start <time>', 'from this date or date-time (inclusive)')
      .option('--end <time>', 'until this date or date-time (inclusive: a date covers the whole day)')
      .option('--environment <name>', 'only this environment (it must exist)')
      .option('--out <file>', 'write to this file instead of stdout'),
  );
  report
    .addHelpText(
      'after',
      examplesHelp([
        'report changelog --start 2024-03-01 --end 2024-03-31 --out changelog.md',
        'report deployments --environment production --format csv --out deployments.csv',
      ]),
    )
    .prints('the report', async (kind: ReportKind, options: ReportOptions) => {
      const client = connect(options);
      await assertKnownFilters(client, options);
      const query = { start: options.start, end: options.end, environment: options.environment };
      if (printsJson(options)) return { data: await client.report(kind, query), text: () => '' };
      const text = await client.reportText(kind, options.format === 'csv' ? 'csv' : 'md', query);
      return { data: null, text: () => text };
    });

  report
    .command('verify')
    .description('check a saved report offline: its signature (any edit fails it) and the signed checkpoint of the audit chain head it covers')
    .argument('<file>', 'a report as saved by report --out (Markdown, CSV or JSON)')
    .requiredOption('--public-key <file>', "the service's public key (audit public-key --out <file>)")
    .addHelpText(
      'after',
      examplesHelp(
        ['report verify changelog.md --public-key audit-key.pem'],
        'Exit codes: 0 the report is as the service signed it; 1 it was changed, or is not signed by that key; 2 a file cannot be read.',
      ),
    )
    .prints('the verdict', async (file: string, options: { publicKey: string }) => {
      const publicKey = await readPublicKeyFile(options.publicKey);
      const verdict = verifyReport(await readTextFile(resolve(file), file), publicKey);
      return {
        data: verdict,
        text: () => {
          const head = verdict.chainHead ? `the audit chain up to seq ${verdict.chainHead.seq}` : 'no audit chain head';
          const signed = verdict.checkpoint ? `, checkpoint signed ${verdict.checkpoint.signedAt}` : '';
          return verdict.ok
            ? `${file}: signature valid (${verdict.format}, key ${verdict.keyId}); covers ${head}${signed}\n`
            : `${file}: ${verdict.problems.join('; ')}\n`;
        },
        failure: verdict.ok ? undefined : new OperationFailedError(`${file} does not verify: ${verdict.problems[0] ?? 'unknown problem'}`),
      };
    });
}
