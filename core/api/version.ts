import { z } from 'zod';
import { artifactKinds } from '../artifacts/artifactKind';
import { isVersionTag } from '../versioning/semverTag';
import { pageQuerySchema } from './page';

const bumps = ['none', 'patch', 'minor', 'major'] as const;

export const versionTagSchema = z.string().max(128).refine(isVersionTag, 'a semver tag v<major>.<minor>.<patch>[-pre][+build]');

const commitSchema = z.string().regex(/^[0-9a-f]{4,64}$/i, 'a commit id (hex)');

const artifactPathSchema = z
  .string()
  .min(1)
  .max(300)
  .refine((path) => !path.startsWith('/') && !path.split(/[\\/]/).includes('..'), 'a repository-relative path');

/** One file of the tagged commit as `POST /api/versions` sends it: `content` is the file's text. */
export const artifactUploadSchema = z.strictObject({
  kind: z.enum(artifactKinds),
  path: artifactPathSchema,
  content: z.string(),
});

/** `POST /api/versions`. */
export const versionCreateSchema = z.strictObject({
  tag: versionTagSchema,
  commit: commitSchema,
  message: z.string().max(10_000).optional(),
  changeSets: z.array(z.string().min(1).max(64)).max(100).optional(),
  artifacts: z.array(artifactUploadSchema).max(5000),
});

const positionSchema = z.object({ line: z.number(), character: z.number() });

/** A validation finding stored with a version's artifact. */
export const storedDiagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  range: z.object({ offset: z.number(), length: z.number(), start: positionSchema, end: positionSchema }).optional(),
});

/** One artifact of a version's immutable bundle. */
export const versionArtifactSchema = z.object({
  kind: z.enum(artifactKinds),
  name: z.string(),
  path: z.string(),
  hash: z.string(),
  diagnostics: z.array(storedDiagnosticSchema),
});

/** A registered version (PRODUCT.md §11 "Resource shapes"). */
export const versionSchema = z.object({
  tag: z.string(),
  commit: z.string(),
  message: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  valid: z.boolean(),
  inferredBump: z.enum(bumps),
  declaredBump: z.enum(bumps),
  /** The semver predecessor the bumps were computed against, or null for the first version. */
  previousTag: z.string().nullable(),
  changeSets: z.array(z.string()),
  artifacts: z.array(versionArtifactSchema),
  /** SHA-256 over the bundle's artifacts: what evaluations and approvals are bound to. */
  contentHash: z.string(),
});

/** One change of `GET /api/versions/:tag/diff`. */
export const versionChangeSchema = z.object({
  kind: z.enum(artifactKinds),
  name: z.string(),
  file: z.string(),
  path: z.string(),
  change: z.string(),
  bump: z.enum(bumps),
  /** The whole old and new text when a text value changed (a prompt, a description): where it changed. */
  before: z.string().optional(),
  after: z.string().optional(),
});

/** `GET /api/versions/:tag/diff?against=:tag` (against defaults to the semver predecessor). */
export const versionDiffSchema = z.object({
  version: z.string(),
  against: z.string().nullable(),
  inferredBump: z.enum(bumps),
  changes: z.array(versionChangeSchema),
});

export const versionDiffQuerySchema = z.object({ against: z.string().min(1).max(128).optional() });

export const versionListQuerySchema = pageQuerySchema;

/** `POST /api/versions/:tag/checks`: a check (e.g. smoke tests) reported for a version. */
export const checkReportSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a check name such as "smoke-tests"'),
  status: z.enum(['success', 'failure']),
  summary: z.string().max(2000).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

/** A stored check report. */
export const checkSchema = z.object({
  version: z.string(),
  name: z.string(),
  status: z.enum(['success', 'failure']),
  summary: z.string().nullable(),
  url: z.string().nullable(),
  reportedBy: z.string(),
  reportedAt: z.string(),
});

export type VersionCreate = z.infer<typeof versionCreateSchema>;
export type Version = z.infer<typeof versionSchema>;
export type VersionArtifact = z.infer<typeof versionArtifactSchema>;
export type VersionDiff = z.infer<typeof versionDiffSchema>;
export type CheckReportRequest = z.infer<typeof checkReportSchema>;
export type Check = z.infer<typeof checkSchema>;
