import * as z from 'zod/mini';
import { commonFromWebview } from '../shared/messages';
import { auditFiltersSchema } from './filters';

// The Audit Log panel's messages in zod/mini: the envelope the webview checks, and what it sends — the common
// messages, a change of filters and the CSV export of what they select.

const text = z.string();

export const auditEnvelopeSchema = z.object({
  type: z.literal('state'),
  state: z.looseObject({
    filters: z.looseObject({ period: text }),
    environments: z.array(text),
    actors: z.array(text),
    chain: z.nullable(z.looseObject({ ok: z.boolean(), count: z.number() })),
    events: z.array(z.looseObject({ seq: z.number(), at: text, actor: text, action: text })),
    truncated: z.boolean(),
    problem: z.nullable(text),
  }),
});

export const auditFromWebviewSchema = z.discriminatedUnion('type', [
  ...commonFromWebview,
  z.object({ type: z.literal('setFilters'), filters: auditFiltersSchema }),
  z.object({ type: z.literal('exportCsv') }),
]);

/** What the webview keeps with `setState`: that it is the audit log, and its filters. */
export const auditPersistedStateSchema = z.object({ view: z.literal('audit'), filters: auditFiltersSchema });

export type AuditFromWebview = z.infer<typeof auditFromWebviewSchema>;
