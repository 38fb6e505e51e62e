import { z } from 'zod';
import { meSchema } from '../../core/api/user';

// The Release Pipeline's state as the extension builds it (versions × environments), checked in full before
// it is posted. The webview imports only the types of this module; it checks the envelope with messages.ts.

/** What a cell offers; only what the role allows and no gate is known to refuse. */
const cellActionSchema = z.object({
  kind: z.enum(['deploy', 'promote', 'rollback', 'review', 'reportCheck', 'reportEvaluation']),
  label: z.string(),
});

/** One version in one environment. */
const cellSchema = z.object({
  environment: z.string(),
  state: z.enum(['active', 'previous', 'waiting', 'deploying', 'queued', 'failed', 'rejected', 'none']),
  /** The latest release of this version here, opened by a click. */
  releaseId: z.string().nullable(),
  at: z.string().nullable(),
  /** Who or what it waits for, why it failed, what keeps it from going on. */
  note: z.string().nullable(),
  actions: z.array(cellActionSchema),
});

const environmentColumnSchema = z.object({
  name: z.string(),
  tier: z.string(),
  activeVersion: z.string().nullable(),
  /** The reason of the deploy freeze in force, if any. */
  frozen: z.string().nullable(),
  /** What this environment asks of a release before it deploys (approvals, checks). */
  requirements: z.array(z.string()),
  /** The one-click rollback: the version restored, when the user may roll back and there is one. */
  rollbackTo: z.string().nullable(),
  waiting: z.number().int(),
});

const versionRowSchema = z.object({
  tag: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  message: z.string().nullable(),
  valid: z.boolean(),
  inferredBump: z.string(),
  cells: z.array(cellSchema),
});

export const pipelineStateSchema = z.object({
  me: meSchema.nullable(),
  environments: z.array(environmentColumnSchema),
  /** Newest version first. */
  versions: z.array(versionRowSchema),
  /** More versions are registered than the pipeline shows. */
  moreVersions: z.boolean(),
  canCreateVersion: z.boolean(),
  problem: z.string().nullable(),
  loadedAt: z.string(),
});

export const pipelineToWebviewSchema = z.object({ type: z.literal('state'), state: pipelineStateSchema });

export type PipelineCellAction = z.infer<typeof cellActionSchema>;
export type PipelineCell = z.infer<typeof cellSchema>;
export type PipelineEnvironment = z.infer<typeof environmentColumnSchema>;
export type PipelineVersion = z.infer<typeof versionRowSchema>;
export type PipelineState = z.infer<typeof pipelineStateSchema>;
export type PipelineToWebview = z.infer<typeof pipelineToWebviewSchema>;
