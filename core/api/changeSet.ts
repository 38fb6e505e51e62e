import { z } from 'zod';

/** A merged pull request recorded in a change set. */
export const pullRequestSchema = z.strictObject({
  number: z.number().int().positive(),
  title: z.string().min(1).max(500),
  author: z.string().min(1).max(200),
  mergeCommit: z.string().regex(/^[0-9a-f]{4,64}$/i, 'a commit id (hex)'),
});

/** `POST /api/changesets`: merged PRs grouped as one unit, with the repository paths they touched. */
export const changeSetCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  pullRequests: z.array(pullRequestSchema).max(1000),
  artifacts: z.array(z.string().min(1).max(300)).max(5000).optional(),
});

/** A stored change set; `versions` are the tags that include it. */
export const changeSetSchema = z.object({
  id: z.string(),
  name: z.string(),
  pullRequests: z.array(pullRequestSchema),
  artifacts: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  versions: z.array(z.string()),
});

export type PullRequest = z.infer<typeof pullRequestSchema>;
export type ChangeSetCreate = z.infer<typeof changeSetCreateSchema>;
export type ChangeSet = z.infer<typeof changeSetSchema>;
