import { copyServiceDatabase, type DatabaseCopyReport } from '../../server/databaseCopy';
import { CopyError } from '../../server/store/copyTables';
import { DatabaseUrlError, withoutCredentials } from '../../server/store/databaseUrl';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { OperationFailedError, UsageError } from '../errors';
import { examplesHelp } from '../output/helpExamples';

interface CopyOptions {
  from: string;
  to: string;
}

/** `forge-release db copy --from <url> --to <url>`: moves a service's whole database, e.g. from the embedded file to PostgreSQL. */
export function registerDbCommand(program: ForgeCommand): void {
  const db = program.command('db').description("the service's database");
  db.command('copy')
    .description('copy every table of a service database into an empty one (the audit chain stays verifiable); stop the service first')
    .requiredOption('--from <url>', 'the database to copy: file:<data-dir>/forge.db, or postgres://…')
    .requiredOption('--to <url>', 'an empty database: postgres://user:password@host:5432/forge, or file:…')
    .addHelpText(
      'after',
      examplesHelp(
        ['db copy --from file:.forge/forge.db --to postgres://forge:secret@db.internal:5432/forge'],
        `Environments whose definitions lived beside the source (env-<name>.db files, or schemas of its PostgreSQL
database) move beside the target (schemas env_<name> on PostgreSQL); environments with a database of their own
keep it. Then start the service with FORGE_DB_URL set to the target and the same FORGE_SECRET_KEY (or the old data
dir's secret.key) so that sealed secrets still open.`,
      ),
    )
    .prints('what was copied', async (options: CopyOptions) => {
      let report: DatabaseCopyReport;
      try {
        report = await copyServiceDatabase(options.from, options.to);
      } catch (error) {
        if (error instanceof DatabaseUrlError) throw new UsageError(error.message);
        if (error instanceof CopyError) throw new OperationFailedError(`db copy: ${error.message}`);
        throw error;
      }
      return { data: { ...report, tables: Object.fromEntries(report.tables) }, text: () => copyText(report, options.to) };
    });
}

function copyText(report: DatabaseCopyReport, to: string): string {
  const lines = [...report.tables].map(([table, rows]) => `copied ${table}: ${rows} rows`);
  for (const { environment, url, rows } of report.moved) lines.push(`${environment}: definitions copied to ${url} (${rows} rows)`);
  for (const { environment, url } of report.kept) lines.push(`${environment}: definitions stay in their own database ${url}`);
  lines.push(`audit chain verified in ${withoutCredentials(to)}: ${report.auditEvents} events`);
  if (report.secretKeyIds.length > 0) {
    lines.push(`secrets are sealed with server key ${report.secretKeyIds.join(', ')}: start the service with the same FORGE_SECRET_KEY`);
  }
  return `${lines.join('\n')}\n`;
}
