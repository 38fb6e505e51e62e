import { z } from 'zod';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

// A date-time without an offset is UTC, like every time the log stores. NaN for an impossible calendar day,
// which Date.parse would otherwise roll over (2024-02-30 → 2024-03-01).
function instantOf(text: string): number {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) return Number.NaN;
  return Date.parse(datePattern.test(text) ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`);
}

const timeSchema = z.string().refine((text) => (datePattern.test(text) || dateTimePattern.test(text)) && !Number.isNaN(instantOf(text)), {
  message: 'a date (2024-03-01) or a date-time (2024-03-01T12:00:00Z)',
});

const filterText = z.string().trim().min(1).max(200);

/** Every action the audit log records; server/audit/auditActions.ts gives each one's columns and details. */
export const auditActions = [
  'version.created',
  'changeset.created',
  'check.reported',
  'evaluation.reported',
  'release.requested',
  'freeze.overridden',
  'approval.requested',
  'approval.granted',
  'approval.denied',
  'approval.expired',
  'approval.invalidated',
  'deployment.started',
  'deployment.completed',
  'rollback.executed',
  'access',
  'user.created',
  'user.updated',
  'token.created',
  'token.revoked',
  'environment.updated',
  'variable.updated',
  'variable.deleted',
  'secret.updated',
  'secret.deleted',
  'gateway.reconciled',
  'verification.completed',
] as const;

export type AuditActionName = (typeof auditActions)[number];

/**
 * What an `action` filter can match: every action and every family above it (`deployment` for
 * `deployment.started`), sorted. Anything else matches no event.
 */
export function auditActionFilters(): string[] {
  const filters = new Set<string>();
  for (const action of auditActions) {
    const parts = action.split('.');
    parts.forEach((_, index) => filters.add(parts.slice(0, index + 1).join('.')));
  }
  return [...filters].sort();
}

/** An optional `start` or `end`: a date or a date-time. */
export const timeField = timeSchema.optional();

const filterFields = {
  action: filterText.optional(),
  environment: filterText.optional(),
  actor: filterText.optional(),
  version: filterText.optional(),
  releaseId: filterText.optional(),
  start: timeField,
  end: timeField,
};

/** A time-range rule for object schemas with `start` and `end`: start must not be after end. */
export function startNotAfterEnd({ start, end }: { start?: string; end?: string }): boolean {
  // A malformed time is reported by its own field.
  if ([start, end].some((time) => time !== undefined && Number.isNaN(instantOf(time)))) return true;
  const { from, until } = timeBounds({ start, end });
  return from === undefined || until === undefined || from < until;
}

/** The issue `startNotAfterEnd` raises, on the `end` field. */
export const timeRangeIssue = { message: 'start must not be after end', path: ['end'] };

/**
 * The filters of `GET /api/audit` and of the reports. `action` matches a family: `deployment` matches
 * `deployment` and every `deployment.*`. `start` is inclusive (a date means 00:00Z that day); `end` is
 * inclusive too (a date covers that whole day, a date-time that millisecond).
 */
export const auditFiltersSchema = z.object(filterFields).refine(startNotAfterEnd, timeRangeIssue);

/** An audit cursor: the `seq` of the last event of the previous page. */
export const auditCursorSchema = z.string().regex(/^\d{1,18}$/, 'a cursor returned by a previous page');

/** A page's size when `limit` is not given (JSON and CSV; a JSON Lines export has no page size). */
export const defaultAuditLimit = 100;

/**
 * `GET /api/audit`: filters, then one page (`limit` 1–1000, default 100) after `cursor` as JSON or CSV, or, as JSON
 * Lines (`format=jsonl`), every matching event after `cursor` in chain order (`limit` caps it when given).
 */
export const auditQuerySchema = z
  .object({
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: auditCursorSchema.optional(),
    format: z.enum(['json', 'csv', 'jsonl']).default('json'),
  })
  .refine(startNotAfterEnd, timeRangeIssue);

export type AuditFilters = z.infer<typeof auditFiltersSchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One audit event as stored and returned (PRODUCT.md §11): its place in the chain and the hashes that link it. */
export const auditEventSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  environment: z.string().nullable(),
  version: z.string().nullable(),
  releaseId: z.string().nullable(),
  outcome: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;

/** `GET /api/audit`: one page of events in time order; `nextCursor` is null on the last page. */
export const auditPageSchema = z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() });

export type AuditPage = z.infer<typeof auditPageSchema>;

/**
 * Why verification stopped trusting an event: its stored content no longer produces its hash (`content_mismatch`,
 * the row was edited); events before it are missing (`missing_events`); it no longer produces the hash its
 * successor recorded (`rewritten`: edited and re-hashed); or a signed checkpoint names another hash for it
 * (`checkpoint_mismatch`: the chain up to it was rewritten and every later hash re-sealed).
 */
export const chainBreakSchema = z.enum(['content_mismatch', 'missing_events', 'rewritten', 'checkpoint_mismatch']);

export type ChainBreakReason = z.infer<typeof chainBreakSchema>;

/**
 * A signed checkpoint: the chain head (`seq`, `hash`, and `at`, its event's time) signed at `signedAt` with the
 * Ed25519 key `keyId`; `signature` is base64 over `checkpointStatement` (core/audit/checkpointStatement.ts).
 */
export const checkpointSchema = z.object({
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  signedAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

/** `POST /api/audit/checkpoints`: the checkpoint, and what each anchor took (seqs anchored and failed, and why). */
export const checkpointRoundSchema = checkpointSchema.extend({
  anchoring: z.array(
    z.object({
      kind: z.enum(['file', 'url', 'git']),
      location: z.string(),
      anchored: z.array(z.number().int()),
      failed: z.array(z.number().int()),
      detail: z.string().nullable(),
    }),
  ),
});

export type CheckpointRound = z.infer<typeof checkpointRoundSchema>;

/** `GET /api/audit/public-key`: the key checkpoints and reports are signed with, as an SPKI PEM. */
export const auditPublicKeySchema = z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKey: z.string() });

export type AuditPublicKey = z.infer<typeof auditPublicKeySchema>;

/**
 * How one anchor outside the database stands against the checkpoints the database holds: `agrees` (it holds
 * every one and no other), `differs` (see the counts), `unreadable` (`detail` says why), or, for a URL that can
 * only be written to, `delivered` / `undelivered` as recorded when posting.
 */
export const anchorStateSchema = z.object({
  kind: z.enum(['file', 'url', 'git']),
  location: z.string(),
  state: z.enum(['agrees', 'differs', 'unreadable', 'delivered', 'undelivered']),
  /** Checkpoints the anchor holds (for a URL: delivered to it). */
  checkpoints: z.number().int(),
  /** Database checkpoints the anchor lacks, and anchored checkpoints the database lacks. */
  missing: z.number().int(),
  onlyInAnchor: z.number().int(),
  detail: z.string().optional(),
});

export type AnchorState = z.infer<typeof anchorStateSchema>;

/** `GET /api/audit/verify?from=start|checkpoint`: the whole chain (default), or the events from the newest checkpoint on. */
export const auditVerifyQuerySchema = z.object({ from: z.enum(['start', 'checkpoint']).default('start') });

/**
 * `GET /api/audit/verify`: whether the chain is intact, how many events were checked and the first broken one; then
 * what the checkpoints say: a checkpoint beyond the head (`truncation`), a checkpoint whose event now carries another
 * hash (`tailRewrite`), and how each anchor agrees. `from` is the checkpoint an incremental check started at.
 */
export const chainVerificationSchema = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  brokenAt: z.object({ id: z.string(), seq: z.number().int(), reason: chainBreakSchema }).optional(),
  head: z.object({ seq: z.number().int(), hash: z.string(), at: z.string() }).nullable().optional(),
  from: z.number().int().nullable().optional(),
  checkpoints: z
    .object({
      /** Checkpoints considered: validly signed by the service's key, from the database and the readable anchors. */
      checked: z.number().int(),
      onChain: z.number().int(),
      latest: checkpointSchema.nullable(),
      /** Checkpoints naming the service's key whose signature does not verify: forged or corrupted. */
      invalid: z.number().int(),
      /** Checkpoints signed with another key (an earlier one, or another replica's): not relied on. */
      otherKeys: z.number().int(),
    })
    .optional(),
  truncation: z.object({ checkpoint: checkpointSchema, headSeq: z.number().int().nullable() }).optional(),
  tailRewrite: z.object({ checkpoint: checkpointSchema, storedHash: z.string() }).optional(),
  anchors: z.array(anchorStateSchema).optional(),
});

export type ChainVerification = z.infer<typeof chainVerificationSchema>;

/** The half-open interval [from, until) of ISO instants that `start` and `end` select. */
export function timeBounds({ start, end }: Pick<AuditFilters, 'start' | 'end'>): { from?: string; until?: string } {
  const from = start === undefined ? undefined : new Date(instantOf(start)).toISOString();
  if (end === undefined) return { from };
  const endAt = instantOf(end);
  const until = datePattern.test(end) ? endAt + 86_400_000 : endAt + 1;
  return { from, until: new Date(until).toISOString() };
}
