import { z } from 'zod';
import { checkpointSchema, startNotAfterEnd, timeField, timeRangeIssue } from './audit';

/** The compliance reports (`GET /api/reports/:kind`). */
export const reportKinds = ['changelog', 'deployments', 'access'] as const;

export type ReportKind = (typeof reportKinds)[number];

export const reportFormats = ['json', 'csv', 'md'] as const;

export type ReportFormat = (typeof reportFormats)[number];

/** `GET /api/reports/:kind?start=&end=&environment=&format=`: times read like the audit query's (end date inclusive). */
export const reportQuerySchema = z
  .object({
    start: timeField,
    end: timeField,
    environment: z.string().trim().min(1).max(200).optional(),
    format: z.enum(reportFormats).default('json'),
  })
  .refine(startNotAfterEnd, timeRangeIssue);

export type ReportQuery = z.infer<typeof reportQuerySchema>;

/**
 * A compliance report as JSON: its rows, the period it covers (start inclusive, end exclusive, as ISO instants),
 * when it was generated, the audit chain head it was read at and the signed checkpoint of that head, and the
 * service's signature over all of it (core/audit/reportSignature.ts). Each kind has its own row shape (see
 * server/audit/reports).
 */
export const complianceReportSchema = z.object({
  kind: z.enum(reportKinds),
  title: z.string(),
  period: z.object({ start: z.string().nullable(), end: z.string().nullable() }),
  environment: z.string().nullable(),
  generatedAt: z.string(),
  chainHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  checkpoint: checkpointSchema.nullable(),
  rows: z.array(z.record(z.string(), z.unknown())),
  signature: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), value: z.string() }).optional(),
});

export type ComplianceReportJson = z.infer<typeof complianceReportSchema>;

/** `GET /api/reports/:kind` path parameters. */
export const reportParamsSchema = z.object({ kind: z.enum(reportKinds) });
