import * as z from 'zod/mini';

// The part of the panels' message protocol every Forge webview shares, in zod/mini so the webview bundles stay
// small. The extension parses every message from a webview with these schemas before acting on it.

const name = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * What a panel may ask the extension to do. Each action runs the extension command of the same name, with its
 * own questions, confirmations and progress; the panel never calls the service itself.
 */
export const forgeActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('openRelease'), releaseId: name }),
  z.object({ kind: z.literal('deploy'), version: name, environment: name }),
  z.object({ kind: z.literal('promote'), environment: name }),
  z.object({ kind: z.literal('rollback'), environment: name, version: z.optional(name) }),
  z.object({ kind: z.literal('reportCheck'), version: z.optional(name) }),
  z.object({ kind: z.literal('reportEvaluation'), version: z.optional(name) }),
  z.object({ kind: z.literal('addReviewer'), environment: z.optional(name) }),
  z.object({ kind: z.literal('createVersion') }),
  z.object({ kind: z.literal('showPipeline') }),
  z.object({ kind: z.literal('showAuditLog'), releaseId: z.optional(name) }),
  z.object({ kind: z.literal('exportReport') }),
]);

/** Webview → extension messages every panel sends: the `ready` handshake, refresh, logs, refusals and actions. */
export const commonFromWebview = [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('showLogs') }),
  /** The webview received a message that failed its schema. */
  z.object({ type: z.literal('rejectedMessage'), reason: z.string().check(z.maxLength(4000)) }),
  z.object({ type: z.literal('action'), action: forgeActionSchema }),
] as const;

export type ForgeAction = z.infer<typeof forgeActionSchema>;
export type CommonFromWebview = z.infer<(typeof commonFromWebview)[number]>;

/** A one-line account of why a message failed its schema (for logs and the rejection reply). */
export function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(message)'}: ${issue.message}`).join('; ');
}
