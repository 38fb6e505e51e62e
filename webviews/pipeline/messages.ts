import * as z from 'zod/mini';
import { commonFromWebview } from '../shared/messages';

// The Release Pipeline's messages in zod/mini: the envelope the webview checks (the extension checked the whole
// state with protocol.ts), and what the webview sends: the common messages, actions included.

const text = z.string();

export const pipelineEnvelopeSchema = z.object({
  type: z.literal('state'),
  state: z.looseObject({
    me: z.nullable(z.looseObject({})),
    environments: z.array(z.looseObject({ name: text })),
    versions: z.array(
      z.looseObject({ tag: text, cells: z.array(z.looseObject({ environment: text, state: text, actions: z.array(z.looseObject({ kind: text, label: text })) })) }),
    ),
    canCreateVersion: z.boolean(),
    problem: z.nullable(text),
  }),
});

export const pipelineFromWebviewSchema = z.discriminatedUnion('type', [...commonFromWebview]);

/** The pipeline is one panel per window: its saved state only says it is the pipeline. */
export const pipelinePersistedStateSchema = z.object({ view: z.literal('pipeline') });

export type PipelineFromWebview = z.infer<typeof pipelineFromWebviewSchema>;
