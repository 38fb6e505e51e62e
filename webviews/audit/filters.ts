import * as z from 'zod/mini';

// The Audit Log panel's filters, shared by the webview (its controls) and the extension (its query): zod/mini.

/** The action families the filter offers (`action=deployment` matches `deployment.*`). */
export const actionFamilies = [
  { value: 'deployment', label: 'Deployments' },
  { value: 'rollback', label: 'Rollbacks' },
  { value: 'approval', label: 'Approvals' },
  { value: 'release', label: 'Release requests' },
  { value: 'version', label: 'Versions' },
  { value: 'check', label: 'Checks' },
  { value: 'evaluation', label: 'Evaluations' },
  { value: 'access', label: 'Production access' },
  { value: 'user', label: 'Users' },
  { value: 'token', label: 'Tokens' },
  { value: 'environment', label: 'Environment changes' },
  { value: 'secret', label: 'Secrets' },
] as const;

/** The periods the filter offers, each as how far back it reaches (null: the whole log). */
export const periods = [
  { value: 'day', label: 'Last 24 hours', days: 1 },
  { value: 'week', label: 'Last 7 days', days: 7 },
  { value: 'month', label: 'Last 30 days', days: 30 },
  { value: 'quarter', label: 'Last 90 days', days: 90 },
  { value: 'all', label: 'All time', days: null },
] as const;

const optionalText = z.nullable(z.string().check(z.minLength(1), z.maxLength(200)));

export const auditFiltersSchema = z.object({
  action: optionalText,
  environment: optionalText,
  actor: optionalText,
  releaseId: optionalText,
  period: z.enum(['day', 'week', 'month', 'quarter', 'all']),
});

export type AuditPanelFilters = z.infer<typeof auditFiltersSchema>;

export const defaultAuditFilters: AuditPanelFilters = { action: null, environment: null, actor: null, releaseId: null, period: 'month' };
