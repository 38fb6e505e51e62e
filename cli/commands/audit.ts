import { Option } from 'commander';
import { assertKnownFilters } from '../audit/knownFilters';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { printsJson } from '../output/printed';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface AuditOptions extends ConnectionOptions {
  action?: string;
  environment?: string;
  actor?: string;
  version?: string;
  release?: string;
  start?: string;
  end?: string;
  limit: number;
  cursor?: string;
  format: 'text' | 'json' | 'csv';
  json?: boolean;
  out?: string;
}

/** `forge-release audit [filters] [--format text|json|csv] [--out file]`. */
export function registerAuditCommand(program: ForgeCommand): void {
  withConnectionOptions(
    program
      .command('audit')
      .description('read the audit trail (admins and maintainers), oldest first, filtered')
      .option('--action <action>', 'an action or a family: deployment matches deployment and deployment.* (an unknown one is refused)')
      .option('--environment <name>', 'only events about this environment (it must exist)')
      .option('--actor <name>', 'only events by this user (system for the service itself)')
      .option('--version <tag>', 'only events about this version')
      .option('--release <id>', 'only events about this release')
      .option('--start <time>', 'from this date or date-time (inclusive; 2024-03-01 or 2024-03-01T12:00:00Z)')
      .option('--end <time>', 'until this date or date-time (inclusive: a date covers the whole day)')
      .option('--limit <n>', 'how many events (1–1000)', positiveInteger, 100)
      .option('--cursor <cursor>', 'continue after a previous page (its nextCursor)')
      .addOption(new Option('--format <format>', 'output format (json: same as --json)').choices(['text', 'json', 'csv']).default('text'))
      .option('--out <file>', 'write to this file instead of stdout'),
  )
    .addHelpText('after', examplesHelp(['audit --action deployment --environment production --start 2024-03-01', 'audit --format csv --limit 1000 --out audit.csv'], 'CSV columns: id,seq,at,actor,action,environment,version,releaseId,outcome,details.'))
    .prints('the page of events ({items, nextCursor})', async (options: AuditOptions) => {
      const client = connect(options);
      await assertKnownFilters(client, options);
      const query = {
        action: options.action, environment: options.environment, actor: options.actor, version: options.version,
        releaseId: options.release, start: options.start, end: options.end, limit: options.limit, cursor: options.cursor,
      };
      if (options.format === 'csv' && !printsJson(options)) {
        const csv = await client.auditCsv(query);
        return { data: null, text: () => csv };
      }
      const page = await client.queryAudit(query);
      return {
        data: page,
        text: () => {
          const table = formatTable(
            ['SEQ', 'AT', 'ACTOR', 'ACTION', 'ENVIRONMENT', 'VERSION', 'OUTCOME'],
            page.items.map((e) => [String(e.seq), e.at, e.actor, e.action, e.environment ?? '', e.version ?? '', e.outcome ?? '']),
            'no matching events',
          );
          return page.nextCursor ? `${table}more: --cursor ${page.nextCursor}\n` : table;
        },
      };
    });
}
