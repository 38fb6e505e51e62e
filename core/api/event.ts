import { z } from 'zod';
import { environmentSyncSchema } from './gatewaySync';
import { releaseSchema } from './release';

/** The server-sent events of `GET /api/events`; the SSE event name is `type`, the data is `data` as JSON. */
export const forgeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('release.updated'), data: releaseSchema }),
  z.object({ type: z.literal('approval.updated'), data: z.object({ releaseId: z.string() }).loose() }),
  z.object({ type: z.literal('environment.updated'), data: z.object({ name: z.string() }).loose() }),
  z.object({ type: z.literal('version.created'), data: z.object({ tag: z.string() }).loose() }),
  /** An evaluation result was reported for a version: the `evaluation` gate's verdicts on it may have changed. */
  z.object({ type: z.literal('version.evaluated'), data: z.object({ tag: z.string(), suite: z.string() }).loose() }),
  /** An environment's sync state changed (e.g. in-sync → drifted). */
  z.object({ type: z.literal('environment.sync'), data: z.object({ name: z.string(), sync: environmentSyncSchema }) }),
]);

export type ForgeEvent = z.infer<typeof forgeEventSchema>;
export type ForgeEventType = ForgeEvent['type'];
