import { z } from 'zod';
import { artifactKinds } from './artifactKind';

/** Artifact names: lower-case, 2–63 characters, unique per kind in a repository (DAG.md §1). */
const artifactNamePattern = /^[a-z][a-z0-9_-]{1,62}$/;

/** Fields every artifact carries; `spec` is refined per kind. */
export const envelopeShape = {
  kind: z.enum(artifactKinds).meta({ description: 'Artifact kind.' }),
  name: z
    .string()
    .regex(artifactNamePattern, { error: 'must be 2–63 characters of a-z, 0-9, "_" or "-", starting with a letter' })
    .meta({ description: 'Unique per kind in the repository.' }),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
};

/** The envelope alone, for documents whose kind is not (yet) one of the three. */
export const envelopeSchema = z.strictObject({ ...envelopeShape, spec: z.record(z.string(), z.unknown()) });
