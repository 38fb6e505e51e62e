/** What a state change tells the audit log. Details are JSON and must never hold a secret or token value. */
export interface AuditEventInput {
  actor: string;
  action: string;
  environment?: string | null;
  version?: string | null;
  releaseId?: string | null;
  outcome?: string | null;
  details?: Record<string, unknown>;
}
