import { z } from 'zod';
import { apiErrorSchema } from '../core/api/apiError';
import {
  auditPageSchema,
  auditPublicKeySchema,
  chainVerificationSchema,
  checkpointRoundSchema,
  checkpointSchema,
  type AuditPage,
  type AuditPublicKey,
  type AuditQuery,
  type ChainVerification,
  type Checkpoint,
  type CheckpointRound,
} from '../core/api/audit';
import { approvalSchema, type Approval, type ApprovalDecisionRequest, type ApprovalListQuery } from '../core/api/approval';
import { changeSetSchema, type ChangeSet, type ChangeSetCreate } from '../core/api/changeSet';
import { environmentSchema, type Environment, type EnvironmentUpdate } from '../core/api/environment';
import { evaluationSchema, type Evaluation, type EvaluationListQuery, type EvaluationReport } from '../core/api/evaluation';
import { forgeEventSchema, type ForgeEvent } from '../core/api/event';
import { environmentSyncSchema, type EnvironmentSync } from '../core/api/gatewaySync';
import { healthSchema } from '../core/api/health';
import { pageSchema, type Page } from '../core/api/page';
import {
  dryRunSchema,
  gateRecheckSchema,
  releaseSchema,
  type DryRun,
  type FreezeOverrideRequest,
  type GateRecheckAnswer,
  type Release,
  type ReleaseListQuery,
} from '../core/api/release';
import { complianceReportSchema, type ComplianceReportJson, type ReportKind, type ReportQuery } from '../core/api/report';
import {
  meSchema,
  tokenCreatedSchema,
  tokenSchema,
  userSchema,
  type Me,
  type Token,
  type TokenCreated,
  type User,
  type UserCreate,
  type UserUpdate,
} from '../core/api/user';
import { maskedVariableSchema, type MaskedVariable, type VariableWriteRequest } from '../core/api/variable';
import {
  checkSchema,
  versionDiffSchema,
  versionSchema,
  type Check,
  type CheckReportRequest,
  type Version,
  type VersionCreate,
  type VersionDiff,
} from '../core/api/version';
import { ForgeApiError } from './forgeApiError';
import { readServerSentEvents } from './serverSentEvents';
import { collectPages } from './collectPages';

export interface ForgeClientOptions {
  /** The service's base URL, e.g. `http://localhost:3500`. */
  baseUrl: string;
  token: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

/** Options of a deploy, promote or rollback request. */
export interface ReleaseOptions {
  /** An admin's break-glass override of a deploy freeze; the reason is mandatory and audited. */
  override?: FreezeOverrideRequest;
}

/** What a rollback asks for: `version` defaults to the one before the current. */
export type RollbackOptions = { version?: string; reason?: string } & ReleaseOptions;

interface RequestSpec<Schema extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  schema: Schema;
}

/** An event of the live stream with the id to resume after it (null when the service sent none). */
export type LiveEvent = ForgeEvent & { id: string | null };

const terminalStatuses = new Set<Release['status']>(['succeeded', 'failed']);

/**
 * The typed HTTP client of the Forge Releases API, shared by the CLI and the extension. Every response is
 * parsed with the core contract of its route; every refusal becomes a ForgeApiError with the API's code.
 */
export class ForgeClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ForgeClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** `GET /healthz`. */
  health(): Promise<z.infer<typeof healthSchema>> {
    return this.request('/healthz', { schema: healthSchema });
  }

  /** `GET /api/me`: the token's user. */
  me(): Promise<Me> {
    return this.request('/api/me', { schema: meSchema });
  }

  /** `GET /api/environments`, in chain order. */
  async listEnvironments(): Promise<Environment[]> {
    return (await this.request('/api/environments', { schema: pageSchema(environmentSchema) })).items;
  }

  getEnvironment(name: string): Promise<Environment> {
    return this.request(`/api/environments/${encodeURIComponent(name)}`, { schema: environmentSchema });
  }

  /** `PUT /api/environments/:name`: merges the fields given, creating the environment if absent. */
  updateEnvironment(name: string, update: EnvironmentUpdate): Promise<Environment> {
    return this.request(`/api/environments/${encodeURIComponent(name)}`, { method: 'PUT', body: update, schema: environmentSchema });
  }

  /** Deploys the version active in `from` (default: the previous environment of the chain) to `name`. */
  promote(name: string, from?: string, options: ReleaseOptions = {}): Promise<Release> {
    const body = { ...(from ? { from } : {}), ...options };
    return this.request(`/api/environments/${encodeURIComponent(name)}/promote`, { method: 'POST', body, schema: releaseSchema });
  }

  /** A promotion with `dryRun: true`: gate verdicts and the artifact plan, changing nothing. */
  dryRunPromotion(name: string, from?: string, options: ReleaseOptions = {}): Promise<DryRun> {
    const body = { ...(from ? { from } : {}), dryRun: true, ...options };
    return this.request(`/api/environments/${encodeURIComponent(name)}/promote`, { method: 'POST', body, schema: dryRunSchema });
  }

  /** Re-activates `version` (default: the one before the current) in `name`. */
  rollback(name: string, request: RollbackOptions = {}): Promise<Release> {
    return this.request(`/api/environments/${encodeURIComponent(name)}/rollback`, { method: 'POST', body: request, schema: releaseSchema });
  }

  /** A rollback with `dryRun: true`: the freeze verdict and the artifact plan, changing nothing. */
  dryRunRollback(name: string, request: RollbackOptions = {}): Promise<DryRun> {
    const body = { ...request, dryRun: true };
    return this.request(`/api/environments/${encodeURIComponent(name)}/rollback`, { method: 'POST', body, schema: dryRunSchema });
  }

  /**
   * `POST /api/environments/:name/reconcile`: re-publishes the active version on every gateway that drifted and
   * answers the sync state after it (409 `lock_held` while a release of the environment runs).
   */
  reconcile(name: string): Promise<EnvironmentSync> {
    return this.request(`/api/environments/${encodeURIComponent(name)}/reconcile`, { method: 'POST', schema: environmentSyncSchema });
  }

  listVersions(query: { limit?: number; cursor?: string } = {}): Promise<Page<Version>> {
    return this.request('/api/versions', { query, schema: pageSchema(versionSchema) });
  }

  getVersion(tag: string): Promise<Version> {
    return this.request(`/api/versions/${encodeURIComponent(tag)}`, { schema: versionSchema });
  }

  /** `POST /api/versions`: `created` is false when the tag was already registered with the same content. */
  async createVersion(request: VersionCreate): Promise<{ version: Version; created: boolean }> {
    const { body, status } = await this.send('/api/versions', { method: 'POST', body: request, schema: versionSchema });
    return { version: body, created: status === 201 };
  }

  /** The DAG diff of `tag` against `against` (default: its semver predecessor). */
  diffVersion(tag: string, against?: string): Promise<VersionDiff> {
    return this.request(`/api/versions/${encodeURIComponent(tag)}/diff`, { query: { against }, schema: versionDiffSchema });
  }

  reportCheck(tag: string, report: CheckReportRequest): Promise<Check> {
    return this.request(`/api/versions/${encodeURIComponent(tag)}/checks`, { method: 'POST', body: report, schema: checkSchema });
  }

  async listChecks(tag: string): Promise<Check[]> {
    return (await this.request(`/api/versions/${encodeURIComponent(tag)}/checks`, { schema: pageSchema(checkSchema) })).items;
  }

  /** `POST /api/versions/:tag/evaluations`: an evaluation result, stored with the version's content hash. */
  reportEvaluation(tag: string, report: EvaluationReport): Promise<Evaluation> {
    return this.request(`/api/versions/${encodeURIComponent(tag)}/evaluations`, { method: 'POST', body: report, schema: evaluationSchema });
  }

  /** `GET /api/versions/:tag/evaluations`: newest first; `latest` marks the results the evaluation gate reads. */
  listEvaluations(tag: string, query: Partial<EvaluationListQuery> = {}): Promise<Page<Evaluation>> {
    return this.request(`/api/versions/${encodeURIComponent(tag)}/evaluations`, { query, schema: pageSchema(evaluationSchema) });
  }

  listChangeSets(query: { limit?: number; cursor?: string } = {}): Promise<Page<ChangeSet>> {
    return this.request('/api/changesets', { query, schema: pageSchema(changeSetSchema) });
  }

  getChangeSet(id: string): Promise<ChangeSet> {
    return this.request(`/api/changesets/${encodeURIComponent(id)}`, { schema: changeSetSchema });
  }

  createChangeSet(request: ChangeSetCreate): Promise<ChangeSet> {
    return this.request('/api/changesets', { method: 'POST', body: request, schema: changeSetSchema });
  }

  /** `POST /api/releases`: the started (or approval-waiting) release; gates refusing it raise `gate_failed`. */
  deploy(version: string, environment: string, options: ReleaseOptions = {}): Promise<Release> {
    return this.request('/api/releases', { method: 'POST', body: { version, environment, ...options }, schema: releaseSchema });
  }

  /** `POST /api/releases` with `dryRun: true`: gate verdicts and the artifact plan, changing nothing. */
  dryRun(version: string, environment: string, options: ReleaseOptions = {}): Promise<DryRun> {
    return this.request('/api/releases', { method: 'POST', body: { version, environment, dryRun: true, ...options }, schema: dryRunSchema });
  }

  listReleases(query: Partial<ReleaseListQuery> = {}): Promise<Page<Release>> {
    return this.request('/api/releases', { query, schema: pageSchema(releaseSchema) });
  }

  getRelease(id: string): Promise<Release> {
    return this.request(`/api/releases/${encodeURIComponent(id)}`, { schema: releaseSchema });
  }

  /**
   * `GET /api/releases/:id/gates`: a pending release's gates evaluated again now, and the gates that no longer pass
   * although they did when it was requested (409 `not_pending` once it started or ended).
   */
  recheckGates(releaseId: string): Promise<GateRecheckAnswer> {
    return this.request(`/api/releases/${encodeURIComponent(releaseId)}/gates`, { schema: gateRecheckSchema });
  }

  /**
   * `POST /api/releases/:id/approvals`: records the signed-in reviewer's decision and returns the approval
   * process after it (an approval reaching its count starts the release). Refusals: 403 `self_approval` /
   * `not_reviewer`, 409 `already_decided` / `approval_closed`, 404 for an unknown release.
   */
  decideApproval(releaseId: string, decision: ApprovalDecisionRequest): Promise<Approval> {
    return this.request(`/api/releases/${encodeURIComponent(releaseId)}/approvals`, { method: 'POST', body: decision, schema: approvalSchema });
  }

  /** `GET /api/releases/:id/approvals`: one release's approval process (409 `approval_closed` when it needs no approval). */
  getApproval(releaseId: string): Promise<Approval> {
    return this.request(`/api/releases/${encodeURIComponent(releaseId)}/approvals`, { schema: approvalSchema });
  }

  /** `GET /api/approvals`: approval processes in a state (default `waiting`), newest first, with progress and expiry. */
  listApprovals(query: Partial<ApprovalListQuery> = {}): Promise<Page<Approval>> {
    return this.request('/api/approvals', { query, schema: pageSchema(approvalSchema) });
  }

  /** Polls a release until it succeeds or fails (a release waiting for approval keeps it waiting). */
  async waitForRelease(id: string, { intervalMs = 500, timeoutMs = 600_000 } = {}): Promise<Release> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const release = await this.getRelease(id);
      if (terminalStatuses.has(release.status)) return release;
      if (Date.now() >= deadline) throw new ForgeApiError(0, 'timeout', `release ${id} is still ${release.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** `POST /api/users` (admin). */
  createUser(request: UserCreate): Promise<User> {
    return this.request('/api/users', { method: 'POST', body: request, schema: userSchema });
  }

  /** `GET /api/users` (admin): one page of users, newest first. */
  listUsers(query: { limit?: number; cursor?: string } = {}): Promise<Page<User>> {
    return this.request('/api/users', { query, schema: pageSchema(userSchema) });
  }

  /** `GET /api/users` (admin), every page: all users, newest first. */
  listAllUsers(): Promise<User[]> {
    return collectPages((cursor) => this.listUsers({ limit: 500, cursor }));
  }

  /** `PATCH /api/users/:id` (admin): changes the user's role, or disables or enables the user. */
  updateUser(id: string, update: UserUpdate): Promise<User> {
    return this.request(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: update, schema: userSchema });
  }

  /** `POST /api/users/:id/tokens` (admin, or the user for their own): the plaintext token is in this answer only. */
  createToken(userId: string, name: string): Promise<TokenCreated> {
    return this.request(`/api/users/${encodeURIComponent(userId)}/tokens`, { method: 'POST', body: { name }, schema: tokenCreatedSchema });
  }

  /** `GET /api/users/:id/tokens` (admin, or the user for their own): ids and names, never values. */
  async listTokens(userId: string): Promise<Token[]> {
    return (await this.request(`/api/users/${encodeURIComponent(userId)}/tokens`, { schema: pageSchema(tokenSchema) })).items;
  }

  /** `DELETE /api/tokens/:id` (admin, or the token's owner). */
  async revokeToken(id: string): Promise<void> {
    await this.send(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE', schema: z.unknown() });
  }

  /** `GET /api/audit` (admin, maintainer): one page of events in time order. */
  queryAudit(query: Partial<Omit<AuditQuery, 'format'>> = {}): Promise<AuditPage> {
    return this.request('/api/audit', { query: { ...query, format: 'json' }, schema: auditPageSchema });
  }

  /** `GET /api/audit?format=csv`: the same page as CSV text. */
  auditCsv(query: Partial<Omit<AuditQuery, 'format'>> = {}): Promise<string> {
    return this.text('/api/audit', { ...query, format: 'csv' });
  }

  /**
   * Every event matching the filters as one CSV text: the pages of `GET /api/audit?format=csv` (1000 events each,
   * followed through `x-next-cursor`) joined under one header line.
   */
  async exportAuditCsv(query: Partial<Omit<AuditQuery, 'format' | 'limit' | 'cursor'>> = {}): Promise<string> {
    let text = '';
    let cursor: string | undefined;
    do {
      const response = await this.fetchOk('/api/audit', { ...query, limit: 1000, cursor, format: 'csv' }, { headers: { ...this.headers(), accept: 'text/csv' } });
      const page = await response.text();
      text += text === '' ? page : page.slice(page.indexOf('\n') + 1);
      cursor = response.headers.get('x-next-cursor') ?? undefined;
    } while (cursor);
    return text;
  }

  /** `GET /api/audit?format=jsonl`: every matching event in chain order, streamed as JSON Lines. */
  async auditJsonLines(query: Partial<Omit<AuditQuery, 'format'>> = {}): Promise<ReadableStream<Uint8Array>> {
    const response = await this.fetchOk('/api/audit', { ...query, format: 'jsonl' }, { headers: this.headers() });
    if (!response.body) throw new ForgeApiError(response.status, 'unexpected_response', 'GET /api/audit answered without a body');
    return response.body;
  }

  /**
   * `GET /api/audit/verify`: whether the hash chain is intact and agrees with the signed checkpoints, its first
   * broken event, a truncation or a rewritten tail; `from: 'checkpoint'` checks only what follows the newest checkpoint.
   */
  verifyAudit(from: 'start' | 'checkpoint' = 'start'): Promise<ChainVerification> {
    return this.request('/api/audit/verify', { query: { from }, schema: chainVerificationSchema });
  }

  /** `GET /api/audit/checkpoints`: signed checkpoints, newest first. */
  listCheckpoints(query: { limit?: number; cursor?: string } = {}): Promise<Page<Checkpoint>> {
    return this.request('/api/audit/checkpoints', { query, schema: pageSchema(checkpointSchema) });
  }

  /** `POST /api/audit/checkpoints` (admin): signs the head now and anchors it; `created` is false when it already was. */
  async createCheckpoint(): Promise<{ checkpoint: CheckpointRound; created: boolean }> {
    const { body, status } = await this.send('/api/audit/checkpoints', { method: 'POST', schema: checkpointRoundSchema });
    return { checkpoint: body, created: status === 201 };
  }

  /** `GET /api/audit/public-key`: the key checkpoints and reports are signed with. */
  auditPublicKey(): Promise<AuditPublicKey> {
    return this.request('/api/audit/public-key', { schema: auditPublicKeySchema });
  }

  /** `GET /api/reports/:kind` as JSON. */
  report(kind: ReportKind, query: Partial<Omit<ReportQuery, 'format'>> = {}): Promise<ComplianceReportJson> {
    return this.request(`/api/reports/${kind}`, { query: { ...query, format: 'json' }, schema: complianceReportSchema });
  }

  /** `GET /api/reports/:kind` as CSV or Markdown text. */
  reportText(kind: ReportKind, format: 'csv' | 'md', query: Partial<Omit<ReportQuery, 'format'>> = {}): Promise<string> {
    return this.text(`/api/reports/${kind}`, { ...query, format });
  }

  /** `PUT /api/environments/:name/variables/:key` (admin): the answer masks a secret's value. */
  setVariable(environment: string, key: string, write: VariableWriteRequest): Promise<MaskedVariable> {
    return this.request(`/api/environments/${encodeURIComponent(environment)}/variables/${encodeURIComponent(key)}`, {
      method: 'PUT',
      body: write,
      schema: maskedVariableSchema,
    });
  }

  /** `DELETE /api/environments/:name/variables/:key` (admin). */
  async deleteVariable(environment: string, key: string): Promise<void> {
    await this.send(`/api/environments/${encodeURIComponent(environment)}/variables/${encodeURIComponent(key)}`, { method: 'DELETE', schema: z.unknown() });
  }

  /** `GET /api/environments/:name/variables`: every variable, secrets masked. */
  async listVariables(environment: string): Promise<MaskedVariable[]> {
    return (await this.request(`/api/environments/${encodeURIComponent(environment)}/variables`, { schema: pageSchema(maskedVariableSchema) })).items;
  }

  /**
   * `GET /api/events`: the live event stream until `signal` aborts; unknown events are skipped. Each event comes
   * with the stream's id for it; pass the last one seen as `lastEventId` when reconnecting to get, first, every
   * event that happened in between.
   */
  async *events(signal?: AbortSignal, lastEventId?: string | null): AsyncGenerator<LiveEvent> {
    const headers = { ...this.headers(), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) };
    const response = await this.fetchImpl(`${this.baseUrl}/api/events`, { headers, signal });
    if (!response.ok || !response.body) throw await this.failure(response);
    for await (const raw of readServerSentEvents(response.body)) {
      let data: unknown;
      try {
        data = JSON.parse(raw.data);
      } catch {
        continue;
      }
      const event = forgeEventSchema.safeParse({ type: raw.event, data });
      if (event.success) yield { ...event.data, id: raw.id };
    }
  }

  private async request<Schema extends z.ZodType>(path: string, spec: RequestSpec<Schema>): Promise<z.infer<Schema>> {
    return (await this.send(path, spec)).body;
  }

  private async send<Schema extends z.ZodType>(path: string, spec: RequestSpec<Schema>): Promise<{ body: z.infer<Schema>; status: number }> {
    const response = await this.fetchOk(path, spec.query, {
      method: spec.method ?? 'GET',
      headers: { ...this.headers(), ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    });
    const parsed = spec.schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ForgeApiError(response.status, 'unexpected_response', `${spec.method ?? 'GET'} ${path} answered with an unexpected body`, {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    return { body: parsed.data, status: response.status };
  }

  /** A GET answered with text (CSV, Markdown) rather than JSON. */
  private async text(path: string, query: Query): Promise<string> {
    const response = await this.fetchOk(path, query, { headers: { ...this.headers(), accept: 'text/csv, text/markdown' } });
    return response.text();
  }

  /** Sends a request; an unreachable service or a refusal becomes a ForgeApiError. */
  private async fetchOk(path: string, query: Query | undefined, init: RequestInit): Promise<Response> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    let response: Response;
    try {
      response = await this.fetchImpl(url, init);
    } catch (error) {
      // fetch only says "fetch failed"; the cause names what went wrong (ECONNREFUSED, ENOTFOUND …).
      const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
      const reason = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : (error as Error).message;
      throw new ForgeApiError(0, 'unreachable', `cannot reach ${this.baseUrl}: ${reason}`);
    }
    if (!response.ok) throw await this.failure(response);
    return response;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.options.token}`, accept: 'application/json' };
  }

  private async failure(response: Response): Promise<ForgeApiError> {
    const envelope = apiErrorSchema.safeParse(await response.json().catch(() => undefined));
    if (envelope.success) {
      const { code, message, details } = envelope.data.error;
      return new ForgeApiError(response.status, code, message, details);
    }
    return new ForgeApiError(response.status, 'http_error', `the service answered ${response.status} ${response.statusText}`);
  }
}
