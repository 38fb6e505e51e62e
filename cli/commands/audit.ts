import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import type { ChainVerification } from '../../core/api/audit';
import { verificationFailure, verificationLines } from '../audit/verificationText';
import { verifyOffline } from '../audit/verifyOffline';
import { InputError, OperationFailedError, UsageError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { printJson } from '../output/printJson';
import { formatTable } from '../output/table';
import { writeOutput } from '../output/writeOutput';
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
  json?: boolean;
}

interface JsonOptions extends ConnectionOptions {
  json?: boolean;
}

/**
 * `forge-release audit [filters] [--format text|json|csv] [--out file]`, and `audit verify`, `audit export`,
 * `audit checkpoint`, `audit checkpoints`, `audit public-key`.
 */
export function registerAuditCommand(program: Command): void {
  const audit = withConnectionOptions(
    program
      .command('audit')
      // Its options come before a subcommand's name, so `audit verify --json` is the subcommand's.
      .enablePositionalOptions()
      .description('read the audit trail (admins and maintainers), oldest first, filtered')
      .option('--action <action>', 'an action or a family: deployment matches deployment and deployment.*')
      .option('--environment <name>', 'only events about this environment')
      .option('--actor <name>', 'only events by this user (system for the service itself)')
      .option('--version <tag>', 'only events about this version')
      .option('--release <id>', 'only events about this release')
      .option('--start <time>', 'from this date or date-time (inclusive; 2024-03-01 or 2024-03-01T12:00:00Z)')
      .option('--end <time>', 'until this date or date-time (inclusive: a date covers the whole day)')
      .option('--limit <n>', 'how many events (1–1000)', positiveInteger, 100)
      .option('--cursor <cursor>', 'continue after a previous page (its nextCursor)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
      .option('--json', 'same as --format json')
      .option('--out <file>', 'write to this file instead of stdout'),
  );
  audit
    .addHelpText('after', examplesHelp(['audit --action deployment --environment production --start 2024-03-01', 'audit --format csv --limit 1000 --out audit.csv'], 'CSV columns: id,seq,at,actor,action,environment,version,releaseId,outcome,details,prevHash,hash.'))
    .action(async (options: AuditOptions) => {
      const client = connect(options);
      const query = {
        action: options.action, environment: options.environment, actor: options.actor, version: options.version,
        releaseId: options.release, start: options.start, end: options.end, limit: options.limit, cursor: options.cursor,
      };
      const format = options.json ? 'json' : options.format;
      if (format === 'csv') return writeOutput(await client.auditCsv(query), options.out);
      const page = await client.queryAudit(query);
      if (format === 'json') return writeOutput(`${JSON.stringify(page, null, 2)}\n`, options.out);
      const table = formatTable(
        ['SEQ', 'AT', 'ACTOR', 'ACTION', 'ENVIRONMENT', 'VERSION', 'OUTCOME'],
        page.items.map((e) => [String(e.seq), e.at, e.actor, e.action, e.environment ?? '', e.version ?? '', e.outcome ?? '']),
        'no matching events',
      );
      await writeOutput(page.nextCursor ? `${table}more: --cursor ${page.nextCursor}\n` : table, options.out);
    });
  registerAuditVerify(audit);
  registerAuditExport(audit);
  registerCheckpointCommands(audit);
}

function registerAuditVerify(audit: Command): void {
  withConnectionOptions(
    audit
      .command('verify')
      .description('check the hash chain and the signed checkpoints: the first broken event, a truncation, a rewritten tail, and the anchors; offline from an export with --events')
      .option('--from-checkpoint', 'online: check only the events from the newest checkpoint on (fast)')
      .option('--events <files...>', 'offline: exported events in chain order (audit export, or format=csv pages)')
      .option('--checkpoints <files...>', 'offline: checkpoints kept outside the service (an anchor file, the refs/forge/audit files, audit checkpoints --json)')
      .option('--public-key <file>', 'offline: the service\'s public key (audit public-key --out <file>)')
      .option('--json', 'print the verification as JSON'),
  )
    .addHelpText('after', examplesHelp([
      'audit verify',
      'audit verify --from-checkpoint',
      'audit verify --events audit.jsonl --checkpoints checkpoints.jsonl --public-key audit-key.pem',
    ], 'Exit codes: 0 intact and every checkpoint on the chain; 1 broken, truncated or rewritten.'))
    .action(async (options: VerifyOptions) => {
      if (options.events === undefined && (options.checkpoints !== undefined || options.publicKey !== undefined)) {
        throw new UsageError('--checkpoints and --public-key check an export offline: add --events <file>');
      }
      if (options.events !== undefined && options.fromCheckpoint) throw new UsageError('--from-checkpoint is for the online check; offline, every exported event is checked');
      const verification = options.events === undefined
        ? await connect(options).verifyAudit(options.fromCheckpoint ? 'checkpoint' : 'start')
        : await verifyOffline({ events: options.events, checkpoints: options.checkpoints ?? [], publicKey: options.publicKey });
      reportVerification(verification, options.json);
    });
}

function reportVerification(verification: ChainVerification, json: boolean | undefined): void {
  if (json) printJson(verification);
  else process.stdout.write(`${verificationLines(verification).join('\n')}\n`);
  if (!verification.ok) throw new OperationFailedError(verificationFailure(verification));
}

function registerAuditExport(audit: Command): void {
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

function registerCheckpointCommands(audit: Command): void {
  withConnectionOptions(
    audit
      .command('checkpoint')
      .description('sign the chain head now and anchor it (admins); the service also does so every FORGE_CHECKPOINT_INTERVAL')
      .option('--json', 'print the checkpoint and its anchoring as JSON'),
  )
    .addHelpText('after', examplesHelp(['audit checkpoint']))
    .action(async (options: JsonOptions) => {
      const { checkpoint, created } = await connect(options).createCheckpoint();
      if (options.json) return printJson(checkpoint);
      const lines = [`${created ? 'signed' : 'already signed'} checkpoint seq ${checkpoint.seq} (hash ${checkpoint.hash.slice(0, 16)}…, key ${checkpoint.keyId})`];
      for (const anchor of checkpoint.anchoring) {
        lines.push(`  ${anchor.kind} ${anchor.location}: ${anchor.failed.length === 0 ? `anchored ${anchor.anchored.length}` : `${anchor.failed.length} not anchored: ${anchor.detail}`}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  withConnectionOptions(
    audit
      .command('checkpoints')
      .description('list the signed checkpoints, newest first')
      .option('--limit <n>', 'how many (1–500)', positiveInteger, 50)
      .option('--cursor <cursor>', 'continue after a previous page (its nextCursor)')
      .option('--json', 'print the page as JSON (save it to check an export offline with --checkpoints)'),
  )
    .addHelpText('after', examplesHelp(['audit checkpoints', 'audit checkpoints --limit 500 --json > checkpoints.json']))
    .action(async (options: JsonOptions & { limit: number; cursor?: string }) => {
      const page = await connect(options).listCheckpoints({ limit: options.limit, cursor: options.cursor });
      if (options.json) return printJson(page);
      const table = formatTable(
        ['SEQ', 'HASH', 'EVENT AT', 'SIGNED AT', 'KEY'],
        page.items.map((c) => [String(c.seq), `${c.hash.slice(0, 16)}…`, c.at, c.signedAt, c.keyId]),
        'no checkpoints yet',
      );
      process.stdout.write(page.nextCursor ? `${table}more: --cursor ${page.nextCursor}\n` : table);
    });

  withConnectionOptions(
    audit
      .command('public-key')
      .description('the Ed25519 public key checkpoints and reports are signed with, as PEM')
      .option('--out <file>', 'write it to this file instead of stdout')
      .option('--json', 'print {algorithm, keyId, publicKey} as JSON'),
  )
    .addHelpText('after', examplesHelp(['audit public-key --out audit-key.pem']))
    .action(async (options: JsonOptions & { out?: string }) => {
      const key = await connect(options).auditPublicKey();
      if (options.json) return printJson(key);
      await writeOutput(key.publicKey, options.out);
    });
}
