import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { auditEventSchema, type AuditEvent } from '../../core/api/audit';
import { canonicalEventText, eventDigest } from '../../core/audit/eventText';
import { canonicalJson } from '../../core/json/canonicalJson';
import { InputError } from '../errors';

/** One event of an export, its details as the export carries them, and whether its content still yields its hash. */
export interface ExportedEvent {
  event: AuditEvent;
  detailsText: string;
  intact: boolean;
}

const nullableColumns = ['environment', 'version', 'releaseId', 'outcome'] as const;

/**
 * The events of an audit export in file order: JSON Lines (`GET /api/audit?format=jsonl`, `audit export`) or the
 * CSV (`format=csv` pages, the header repeated or not), told apart by the first line.
 */
export async function* readAuditExport(path: string): AsyncGenerator<ExportedEvent> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let first: string | undefined;
  for await (const line of lines) {
    first = line;
    break;
  }
  lines.close();
  if (first === undefined) return;
  yield* first.startsWith('{') ? readJsonLines(path) : readCsv(path);
}

async function* readJsonLines(path: string): AsyncGenerator<ExportedEvent> {
  let number = 0;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    number += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(`${path}:${number} is not a line of JSON: export the log with \`forge-release audit export\``);
    }
    const parsed = auditEventSchema.safeParse(value);
    if (!parsed.success)
      throw new InputError(`${path}:${number} is not an audit event (${parsed.error.issues[0]?.path.join('.') || 'event'}: ${parsed.error.issues[0]?.message})`);
    const detailsText = canonicalJson(parsed.data.details);
    yield { event: parsed.data, detailsText, intact: sealed(parsed.data, detailsText) };
  }
}

async function* readCsv(path: string): AsyncGenerator<ExportedEvent> {
  const records = createReadStream(path).pipe(parse({ columns: true, skip_empty_lines: true, relax_column_count: false }));
  try {
    for await (const record of records as AsyncIterable<Record<string, string>>) {
      // Pages concatenated one after another repeat the header.
      if (record.id === 'id' && record.hash === 'hash') continue;
      if (record.hash === undefined || record.prevHash === undefined)
        throw new InputError(`${path} has no prevHash and hash columns: export it from this version of the service`);
      const event: AuditEvent = {
        id: record.id ?? '',
        seq: Number(record.seq),
        at: record.at ?? '',
        actor: record.actor ?? '',
        action: record.action ?? '',
        environment: record.environment || null,
        version: record.version || null,
        releaseId: record.releaseId || null,
        outcome: record.outcome || null,
        details: {},
        prevHash: record.prevHash,
        hash: record.hash,
      };
      const detailsText = record.details ?? '';
      yield { event, detailsText, intact: sealedAllowingEmptyText(event, detailsText) };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path} is not an audit CSV: ${(error as Error).message}`);
  }
}

function sealed(event: AuditEvent, detailsText: string): boolean {
  return eventDigest(canonicalEventText(event, detailsText)) === event.hash;
}

/**
 * CSV writes null and empty text alike, as an empty field: an empty field is read as null, and only when that
 * does not yield the hash are the empty fields tried as empty text.
 */
function sealedAllowingEmptyText(event: AuditEvent, detailsText: string): boolean {
  if (sealed(event, detailsText)) return true;
  const empty = nullableColumns.filter((column) => event[column] === null);
  for (let mask = 1; mask < 1 << empty.length; mask += 1) {
    const variant = { ...event };
    empty.forEach((column, index) => {
      if (mask & (1 << index)) variant[column] = '';
    });
    if (sealed(variant, detailsText)) return true;
  }
  return false;
}
