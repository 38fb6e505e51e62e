import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option } from 'commander';
import { assertKnownFilters } from '../audit/knownFilters';
import { verificationFailure, verificationLines } from '../audit/verificationText';
import { verifyOffline } from '../audit/verifyOffline';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { InputError, OperationFailedError, UsageError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { printsJson } from '../output/printed';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { describeFsError } from '../workspace/readTextFile';

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

interface VerifyOptions extends ConnectionOptions {
  fromCheckpoint?: boolean;
  events?: string[];
  checkpoints?: string[];
  publicKey?: string;
}

/**
 * `forge-release audit [filters] [--format text|json|csv] [--out file]`, and `audit verify`, `audit export`,
 * `audit checkpoint`, `audit checkpoints`, `audit public-key`.
 */
export function registerAuditCommand(program: ForgeCommand): void {
  const audit = withConnectionOptions(
    program
      .command('audit')
      // Its options come before a subcommand's name, so `audit verify --json` is the subcommand's.
      .enablePositionalOptions()
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
  );
  audit
    .addHelpText(
      'after',
      examplesHelp(
        ['audit --action deployment --environment production --start 2024-03-01', 'audit --format csv --limit 1000 --out audit.csv'],
        'CSV columns: id,seq,at,actor,action,environment,version,releaseId,outcome,details,prevHash,hash.',
      ),
    )
    .prints('the page of events ({items, nextCursor})', async (options: AuditOptions) => {
      const client = connect(options);
      await assertKnownFilters(client, options);
      const query = {
        action: options.action,
        environment: options.environment,
        actor: options.actor,
        version: options.version,
        releaseId: options.release,
        start: options.start,
        end: options.end,
        limit: options.limit,
        cursor: options.cursor,
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
  registerAuditVerify(audit);
  registerAuditExport(audit);
  registerCheckpointCommands(audit);
}

function registerAuditVerify(audit: ForgeCommand): void {
  withConnectionOptions(
    audit
      .command('verify')
      .description(
        'check the hash chain and the signed checkpoints: the first broken event, a truncation, a rewritten tail, and the anchors; offline from an export with --events',
      )
      .option('--from-checkpoint', 'online: check only the events from the newest checkpoint on (fast)')
      .option('--events <files...>', 'offline: exported events in chain order (audit export, or format=csv pages)')
      .option('--checkpoints <files...>', 'offline: checkpoints kept outside the service (an anchor file, the refs/forge/audit files, audit checkpoints --json)')
      .option('--public-key <file>', "offline: the service's public key (audit public-key --out <file>)"),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['audit verify', 'audit verify --from-checkpoint', 'audit verify --events audit.jsonl --checkpoints checkpoints.jsonl --public-key audit-key.pem'],
        'Exit codes: 0 intact and every checkpoint on the chain; 1 broken, truncated or rewritten.',
      ),
    )
    .prints('the verification', async (options: VerifyOptions) => {
      if (options.events === undefined && (options.checkpoints !== undefined || options.publicKey !== undefined)) {
        throw new UsageError('--checkpoints and --public-key check an export offline: add --events <file>');
      }
      if (options.events !== undefined && options.fromCheckpoint)
        throw new UsageError('--from-checkpoint is for the online check; offline, every exported event is checked');
      const verification =
        options.events === undefined
          ? await connect(options).verifyAudit(options.fromCheckpoint ? 'checkpoint' : 'start')
          : await verifyOffline({ events: options.events, checkpoints: options.checkpoints ?? [], publicKey: options.publicKey });
      return {
        data: verification,
        text: () => `${verificationLines(verification).join('\n')}\n`,
        failure: verification.ok ? undefined : new OperationFailedError(verificationFailure(verification)),
      };
    });
}

function registerAuditExport(audit: ForgeCommand): void {
  withConnectionOptions(
    audit
      .command('export')
      .description('write the whole audit log as JSON Lines, in chain order, with the hashes an offline audit verify checks')
      .requiredOption('--out <file>', 'the file to write'),
  )
    .addHelpText('after', examplesHelp(['audit export --out audit.jsonl']))
    .action(async (options: ConnectionOptions & { out: string }) => {
      const body = await connect(options).auditJsonLines();
      const path = resolve(options.out);
      try {
        await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), createWriteStream(path));
      } catch (error) {
        throw new InputError(`cannot write ${path}: ${describeFsError(error)}`);
      }
      process.stderr.write(`wrote ${path}\n`);
    });
}

function registerCheckpointCommands(audit: ForgeCommand): void {
  withConnectionOptions(
    audit.command('checkpoint').description('sign the chain head now and anchor it (admins); the service also does so every FORGE_CHECKPOINT_INTERVAL'),
  )
    .addHelpText('after', examplesHelp(['audit checkpoint']))
    .prints('the checkpoint and its anchoring', async (options: ConnectionOptions) => {
      const { checkpoint, created } = await connect(options).createCheckpoint();
      return {
        data: checkpoint,
        text: () => {
          const lines = [`${created ? 'signed' : 'already signed'} checkpoint seq ${checkpoint.seq} (hash ${checkpoint.hash.slice(0, 16)}…, key ${checkpoint.keyId})`];
          for (const anchor of checkpoint.anchoring) {
            lines.push(
              `  ${anchor.kind} ${anchor.location}: ${anchor.failed.length === 0 ? `anchored ${anchor.anchored.length}` : `${anchor.failed.length} not anchored: ${anchor.detail}`}`,
            );
          }
          return `${lines.join('\n')}\n`;
        },
      };
    });

  withConnectionOptions(
    audit
      .command('checkpoints')
      .description('list the signed checkpoints, newest first')
      .option('--limit <n>', 'how many (1–500)', positiveInteger, 50)
      .option('--cursor <cursor>', 'continue after a previous page (its nextCursor)'),
  )
    .addHelpText('after', examplesHelp(['audit checkpoints', 'audit checkpoints --limit 500 --json > checkpoints.json']))
    .prints(
      'the page of checkpoints (save it to check an export offline with --checkpoints)',
      async (options: ConnectionOptions & { limit: number; cursor?: string }) => {
        const page = await connect(options).listCheckpoints({ limit: options.limit, cursor: options.cursor });
        return {
          data: page,
          text: () => {
            const table = formatTable(
              ['SEQ', 'HASH', 'EVENT AT', 'SIGNED AT', 'KEY'],
              page.items.map((c) => [String(c.seq), `${c.hash.slice(0, 16)}…`, c.at, c.signedAt, c.keyId]),
              'no checkpoints yet',
            );
            return page.nextCursor ? `${table}more: --cursor ${page.nextCursor}\n` : table;
          },
        };
      },
    );

  withConnectionOptions(
    audit
      .command('public-key')
      .description('the Ed25519 public key checkpoints and reports are signed with, as PEM')
      .option('--out <file>', 'write it to this file instead of stdout'),
  )
    .addHelpText('after', examplesHelp(['audit public-key --out audit-key.pem']))
    .prints('{algorithm, keyId, publicKey}', async (options: ConnectionOptions) => {
      const key = await connect(options).auditPublicKey();
      return { data: key, text: () => key.publicKey };
    });
}
