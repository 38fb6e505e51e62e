import { z } from 'zod';
import { variableKeySchema } from './variable';

/** The kinds of gateway an environment publishes to (PRODUCT.md §4). */
export const gatewayTypes = ['marie', 'webhook'] as const;

export type GatewayType = (typeof gatewayTypes)[number];

const gatewayUrlSchema = z.url({ protocol: /^https?$/, error: 'a gateway URL (http or https)' }).max(2000);
// Credentials in a URL would be echoed in every answer, log and audit event: they belong in a variable.
const newGatewayUrlSchema = gatewayUrlSchema.refine(
  (url) => !/^[a-z]+:\/\/[^/]*@/i.test(url),
  'a gateway URL without user or password (name a variable for the credential instead)',
);

/**
 * The entry shapes over a URL schema: a URL string (a webhook, as environments have always had), a Marie-AI
 * gateway's planner registry (MARIE-GATEWAY.md §1), where the version's workflows are published as planners, with
 * `tokenVariable` naming a variable of the environment sent as the bearer token; or a webhook
 * (`POST <url>/forge/activate` with the manifest) whose `secretVariable` names the variable that signs the body.
 */
function gatewayEntryOf(url: typeof gatewayUrlSchema) {
  return z.union(
    [
      url,
      z.strictObject({ type: z.literal('marie'), url, tokenVariable: variableKeySchema.optional() }),
      z.strictObject({ type: z.literal('webhook'), url, secretVariable: variableKeySchema.optional() }),
    ],
    { error: 'a gateway: a webhook URL, {"type":"marie","url","tokenVariable"?} or {"type":"webhook","url","secretVariable"?}' },
  );
}

/** One `gateways` entry as stored and answered. */
export const gatewayEntrySchema = gatewayEntryOf(gatewayUrlSchema);

/** The `gateways` of an environment: each URL at most once. */
export const gatewayListSchema = z
  .array(gatewayEntryOf(newGatewayUrlSchema))
  .max(20)
  .superRefine((entries, context) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const url = gatewayUrlOf(entry);
      if (seen.has(url)) context.addIssue({ code: 'custom', path: [index], message: `gateway ${url} is listed twice` });
      seen.add(url);
    });
  });

export type GatewayEntry = z.infer<typeof gatewayEntrySchema>;

/** A gateway entry with its type spelled out: a bare URL is a webhook without a secret. */
export type TypedGateway = Exclude<GatewayEntry, string>;

/** The typed form of an entry. */
export function typedGateway(entry: GatewayEntry): TypedGateway {
  return typeof entry === 'string' ? { type: 'webhook', url: entry } : entry;
}

/** The URL that identifies a gateway (in sync states, release results and metrics), without a trailing slash. */
export function gatewayUrlOf(entry: GatewayEntry): string {
  return (typeof entry === 'string' ? entry : entry.url).replace(/\/+$/, '');
}

/** How the background reconciler treats drift: `auto` re-publishes the active version, `report` only reports it. */
export const reconcileModes = ['auto', 'report'] as const;

export type ReconcileMode = (typeof reconcileModes)[number];
