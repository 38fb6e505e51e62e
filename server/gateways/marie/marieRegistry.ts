import { z } from 'zod';
import { bearerHeader, gatewayRequest, type GatewayAnswer } from '../gatewayHttp';

/** A planner as the registry describes it (`PlannerMetadata`, MARIE-GATEWAY.md §1); other keys are kept. */
export const plannerMetadataSchema = z.looseObject({
  name: z.string(),
  version: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  source_type: z.string().nullish(),
  plan_definition: z.unknown(),
});

export type PlannerMetadata = z.infer<typeof plannerMetadataSchema>;

const plannerListSchema = z.looseObject({ planners: z.array(plannerMetadataSchema) });

/** A planner as Forge registers it. */
export interface PlannerRegistration {
  name: string;
  version: string;
  description: string | undefined;
  category: string | undefined;
  plan: unknown;
  tags: string[];
}

/** A registry call that did not give what was asked: the registry refused, could not be reached, or did not answer. */
export interface RegistryFailure {
  ok: false;
  kind: 'refused' | 'unreachable' | 'no-answer';
  detail: string;
}

export type RegistryResult<T> = ({ ok: true } & T) | RegistryFailure;

/** The planner registry of one Marie-AI gateway, over HTTP. Every call is bounded by `timeoutMs`; none throws. */
export interface MarieRegistry {
  /** `GET /api/planners`. */
  list(): Promise<RegistryResult<{ planners: PlannerMetadata[] }>>;
  /** `GET /api/planners/{name}`: the planner, or null when the registry has none of that name (404). */
  get(name: string): Promise<RegistryResult<{ planner: PlannerMetadata | null }>>;
  /**
   * `POST /api/planners` with `name`, `version`, `description` and `category` in the query string — where Marie
   * reads them — and in the body too, beside the plan and the tags (what its documentation describes).
   */
  register(planner: PlannerRegistration): Promise<RegistryResult<{ status: number }>>;
  /** `DELETE /api/planners/{name}`: `found` is false when there was no such planner (404). */
  unregister(name: string): Promise<RegistryResult<{ found: boolean }>>;
}

/** A registry client for the gateway at `baseUrl`, sending `token` as the bearer token when there is one. */
export function marieRegistry(baseUrl: string, token: string | null, timeoutMs: number): MarieRegistry {
  const root = `${baseUrl.replace(/\/+$/, '')}/api/planners`;
  const headers = { accept: 'application/json', ...bearerHeader(token) };
  const plannerUrl = (name: string) => `${root}/${encodeURIComponent(name)}`;
  const call = (url: string, init: RequestInit = {}) => gatewayRequest(url, { ...init, headers: { ...headers, ...init.headers } }, timeoutMs);

  return {
    async list() {
      const answer = await call(root);
      if (!answered(answer, 200)) return failure(answer, 'listing the planners');
      const parsed = plannerListSchema.safeParse(bodyOf(answer));
      if (!parsed.success) return { ok: false, kind: 'refused', detail: 'answered GET /api/planners with a body that is not a planner list' };
      return { ok: true, planners: parsed.data.planners };
    },
    async get(name) {
      const answer = await call(plannerUrl(name));
      if (answered(answer, 404)) return { ok: true, planner: null };
      if (!answered(answer, 200)) return failure(answer, `reading planner ${name}`);
      const parsed = plannerMetadataSchema.safeParse(bodyOf(answer));
      if (!parsed.success) return { ok: false, kind: 'refused', detail: `answered GET /api/planners/${name} with a body that is not a planner` };
      return { ok: true, planner: parsed.data };
    },
    async register(planner) {
      const query = new URLSearchParams({ name: planner.name, version: planner.version });
      if (planner.description !== undefined) query.set('description', planner.description);
      if (planner.category !== undefined) query.set('category', planner.category);
      const answer = await call(`${root}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: planner.name,
          version: planner.version,
          ...(planner.description === undefined ? {} : { description: planner.description }),
          ...(planner.category === undefined ? {} : { category: planner.category }),
          plan: planner.plan,
          tags: planner.tags,
        }),
      });
      if (answer.kind === 'answered' && answer.status >= 200 && answer.status < 300) return { ok: true, status: answer.status };
      return failure(answer, `registering planner ${planner.name}`);
    },
    async unregister(name) {
      const answer = await call(plannerUrl(name), { method: 'DELETE' });
      if (answered(answer, 404)) return { ok: true, found: false };
      if (!answered(answer, 200)) return failure(answer, `unregistering planner ${name}`);
      return { ok: true, found: true };
    },
  };
}

function answered(answer: GatewayAnswer, status: number): boolean {
  return answer.kind === 'answered' && answer.status === status;
}

function bodyOf(answer: GatewayAnswer): unknown {
  return answer.kind === 'answered' ? answer.body : null;
}

function failure(answer: GatewayAnswer, doing: string): RegistryFailure {
  if (answer.kind !== 'answered') return { ok: false, kind: answer.kind, detail: `${answer.detail} ${doing}` };
  return { ok: false, kind: 'refused', detail: `answered ${answer.status}${reasonOf(answer.body)} ${doing}` };
}

/** Marie's own words for a refusal: `error` (planner routes), `message` (other errors) or the first 422 `detail`. */
function reasonOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { error, message, detail } = body as { error?: unknown; message?: unknown; detail?: unknown };
  const first = Array.isArray(detail) ? (detail[0] as { msg?: unknown; loc?: unknown } | undefined) : undefined;
  const text =
    typeof error === 'string'
      ? error
      : typeof message === 'string'
        ? message
        : typeof first?.msg === 'string'
          ? `${first.msg}${Array.isArray(first.loc) ? ` (${first.loc.join('.')})` : ''}`
          : typeof detail === 'string'
            ? detail
            : '';
  return text ? ` (${text.slice(0, 200)})` : '';
}
