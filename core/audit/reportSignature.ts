import type { KeyObject } from 'node:crypto';
import { checkpointSchema, type Checkpoint } from '../api/audit';
import { canonicalJson } from '../json/canonicalJson';
import { checkpointSigned, publicKeyId, signatureValid } from './signedStatements';

/** How a signed report carries its signature: the JSON report a field, Markdown a last line (a CSV is a plain table, unsigned). */
export interface ReportSignature {
  algorithm: 'Ed25519';
  keyId: string;
  /** Base64 Ed25519 signature of `signedText('report', payload)`. */
  value: string;
}

const signatureLine = /^Signature: Ed25519 key ([0-9a-f]+) ([A-Za-z0-9+/=]+)\r?\n?$/;

/**
 * The last line of a signed Markdown report. It signs every byte before it, so any edit of the document, however
 * small, fails verification.
 */
export function reportSignatureLine(signature: ReportSignature): string {
  return `Signature: Ed25519 key ${signature.keyId} ${signature.value}\n`;
}

/** The payload a JSON report's signature covers: the report without its `signature`, as canonical JSON. */
export function jsonReportPayload(report: Record<string, unknown>): string {
  const { signature: _signature, ...rest } = report;
  return canonicalJson(rest);
}

/** What checking a report found. */
export interface ReportVerdict {
  ok: boolean;
  format: 'json' | 'csv' | 'md';
  /** The report's signature: valid under the key, invalid (the document was changed), or missing. */
  signature: 'valid' | 'invalid' | 'missing';
  keyId: string | null;
  /** The chain head the report says it covers, and the embedded checkpoint of it. */
  chainHead: { seq: number; hash: string } | null;
  checkpoint: Checkpoint | null;
  /** The checkpoint's own signature valid, and naming exactly the report's chain head. */
  checkpointCovers: boolean;
  problems: string[];
}

/**
 * Checks a compliance report offline (`forge-release report verify`): its signature under the service's public key
 * (any edit fails it), its embedded checkpoint's signature, and that the checkpoint names the chain head the report
 * says it covers, so the report provably reflects the audit log up to that signed head.
 */
export function verifyReport(text: string, publicKey: KeyObject): ReportVerdict {
  const document = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = document.trimStart();
  const parsed = start.startsWith('{') ? readJsonReport(document) : start.startsWith('# ') ? readMarkdownReport(document) : plainTable;
  const problems = [...parsed.problems];
  let signature: ReportVerdict['signature'] = 'missing';
  if (parsed.signature) {
    const ownKey = parsed.signature.keyId === publicKeyId(publicKey);
    signature = ownKey && signatureValid('report', parsed.payload, parsed.signature.value, publicKey) ? 'valid' : 'invalid';
    if (!ownKey) problems.push(`signed with key ${parsed.signature.keyId}, not with the given key ${publicKeyId(publicKey)}`);
    else if (signature === 'invalid') problems.push('the signature does not match the document: it was changed after it was signed');
  } else {
    problems.push('the report carries no signature');
  }
  const { checkpoint, chainHead } = parsed;
  const checkpointCovers =
    checkpoint !== null && chainHead !== null && checkpointSigned(checkpoint, publicKey) && checkpoint.seq === chainHead.seq && checkpoint.hash === chainHead.hash;
  if (checkpoint === null) problems.push('the report embeds no audit checkpoint');
  else if (!checkpointCovers) problems.push('the embedded checkpoint is not a valid signature of the chain head the report states');
  return {
    ok: signature === 'valid' && checkpointCovers,
    format: parsed.format,
    signature,
    keyId: parsed.signature?.keyId ?? null,
    chainHead,
    checkpoint,
    checkpointCovers,
    problems,
  };
}

interface ParsedReport {
  format: ReportVerdict['format'];
  payload: string;
  signature: Pick<ReportSignature, 'keyId' | 'value'> | null;
  chainHead: { seq: number; hash: string } | null;
  checkpoint: Checkpoint | null;
  problems: string[];
}

function readJsonReport(text: string): ParsedReport {
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {
      format: 'json',
      payload: '',
      signature: null,
      chainHead: null,
      checkpoint: null,
      problems: ['the report is not valid JSON: it was changed, or it is not a report'],
    };
  }
  const signature = report.signature as Partial<ReportSignature> | undefined;
  const head = report.chainHead as { seq?: unknown; hash?: unknown } | null | undefined;
  const checkpoint = checkpointSchema.safeParse(report.checkpoint);
  return {
    format: 'json',
    payload: jsonReportPayload(report),
    signature: typeof signature?.keyId === 'string' && typeof signature.value === 'string' ? { keyId: signature.keyId, value: signature.value } : null,
    chainHead: typeof head?.seq === 'number' && typeof head.hash === 'string' ? { seq: head.seq, hash: head.hash } : null,
    checkpoint: checkpoint.success ? checkpoint.data : null,
    problems: [],
  };
}

// A CSV report is a plain RFC 4180 table: it states nothing and carries no signature to check.
const plainTable: ParsedReport = {
  format: 'csv',
  payload: '',
  signature: null,
  chainHead: null,
  checkpoint: null,
  problems: ['a CSV report is a plain table and carries no signature: save the report as JSON or Markdown to verify it'],
};

function readMarkdownReport(text: string): ParsedReport {
  const lastLineStart = text.lastIndexOf('\n', text.length - 2) + 1;
  const match = signatureLine.exec(text.slice(lastLineStart));
  const head = /^- \*\*Audit chain head:\*\* seq (\d+), hash ([0-9a-f]{64})\r?$/m.exec(text);
  const embedded = /^- \*\*Audit checkpoint:\*\* `(\{.*\})`\r?$/m.exec(text);
  let checkpoint: Checkpoint | null = null;
  if (embedded?.[1]) {
    try {
      const parsed = checkpointSchema.safeParse(JSON.parse(embedded[1]));
      checkpoint = parsed.success ? parsed.data : null;
    } catch {
      checkpoint = null;
    }
  }
  return {
    format: 'md',
    payload: match ? text.slice(0, lastLineStart) : text,
    signature: match?.[1] && match[2] ? { keyId: match[1], value: match[2] } : null,
    chainHead: head?.[1] && head[2] ? { seq: Number(head[1]), hash: head[2] } : null,
    checkpoint,
    problems: [],
  };
}
