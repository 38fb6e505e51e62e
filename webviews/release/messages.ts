import * as z from 'zod/mini';
import { commonFromWebview } from '../shared/messages';

// The release details panel's messages in zod/mini: the webview checks what it receives against the envelope
// below (the extension checked the whole state before posting it with protocol.ts), and the extension parses
// what the webview sends with `releaseFromWebviewSchema`.

const text = z.string();
const nullableObject = z.nullable(z.looseObject({}));

/** Extension → webview, as the webview checks it: the message kind and the state's parts, each of the right kind. */
export const releaseEnvelopeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('state'),
    state: z.looseObject({
      releaseId: text,
      me: nullableObject,
      release: z.nullable(z.looseObject({ id: text, version: text, environment: text, status: text })),
      environment: nullableObject,
      approval: nullableObject,
      replaces: z.nullable(text),
      timeline: z.array(z.looseObject({ id: text, title: text, state: text })),
      gates: z.array(z.looseObject({ gate: text, verdict: text, reason: text })),
      evaluation: z.nullable(z.looseObject({ version: text, metrics: z.array(z.looseObject({ suite: text, metric: text })) })),
      recheck: nullableObject,
      diff: nullableObject,
      changeSets: z.array(z.looseObject({})),
      audit: z.looseObject({ events: z.array(z.looseObject({})) }),
      decision: z.looseObject({ allowed: z.boolean() }),
      rollbackTo: nullableObject,
      problem: z.nullable(text),
    }),
  }),
  z.object({ type: z.literal('decisionResult'), result: z.looseObject({ outcome: text }) }),
]);

/** Webview → extension: the common messages and a reviewer's decision. */
export const releaseFromWebviewSchema = z.discriminatedUnion('type', [
  ...commonFromWebview,
  z.object({
    type: z.literal('decide'),
    releaseId: z.string().check(z.minLength(1)),
    decision: z.enum(['approve', 'reject']),
    comment: z.optional(z.string().check(z.maxLength(2000))),
  }),
]);

/** What the webview keeps with `setState`, so the panel comes back after a reload (and the serializer finds it). */
export const releasePersistedStateSchema = z.object({
  releaseId: z.string().check(z.minLength(1)),
  comment: z._default(z.string().check(z.maxLength(2000)), ''),
});

export type ReleaseFromWebview = z.infer<typeof releaseFromWebviewSchema>;
export type ReleasePersistedState = z.infer<typeof releasePersistedStateSchema>;
