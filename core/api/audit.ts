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

const timeSchema = z
  .string()
  .refine((text) => (datePattern.test(text) || dateTimePattern.test(text)) && !Number.isNaN(instantOf(text)), {
    message: 'a date (2024-03-01) or a date-time (2024-03-01T12:00:00Z)',
  });

const filterText = z.string().trim().min(1).max(200);

/** Every action the audit log records; server/audit/auditActions.ts gives each one's columns and details. */
export const auditActions = [
  'version.created', 'changeset.created', 'check.reported', 'evaluation.reported', 'release.requested', 'freeze.overridden',
  'approval.requested', 'approval.granted', 'approval.denied', 'approval.expired', 'approval.invalidated',
  'deployment.started', 'deployment.completed', 'rollback.executed', 'access',
  'user.created', 'user.updated', 'token.created', 'token.revoked', 'environment.updated',
  'variable.updated', 'variable.deleted', 'secret.updated', 'secret.deleted', 'gateway.reconciled',
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

/** `GET /api/audit`: filters, one page (`limit` 1–1000, default 100) after `cursor`, as JSON or CSV. */
export const auditQuerySchema = z
  .object({
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: auditCursorSchema.optional(),
    format: z.enum(['json', 'csv']).default('json'),
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
 * the row was edited); events before it are missing (`missing_events`); or it no longer produces the hash its
 * successor recorded (`rewritten`: edited and re-hashed).
 */
export const chainBreakSchema = z.enum(['content_mismatch', 'missing_events', 'rewritten']);

/** `GET /api/audit/verify`: whether the chain is intact, how many events were checked, the first tampered event. */
export const chainVerificationSchema = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  brokenAt: z.object({ id: z.string(), seq: z.number().int(), reason: chainBreakSchema }).optional(),
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
