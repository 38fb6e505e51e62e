import { z } from 'zod';
import { startNotAfterEnd, timeField, timeRangeIssue } from '../auditQuery';

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
