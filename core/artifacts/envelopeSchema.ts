import { z } from 'zod';
import { artifactKinds } from './artifactKind';

/** Artifact names: lower-case, 2–63 characters, unique per kind in a repository (DAG.md §1). */
const artifactNamePattern = /^[a-z][a-z0-9_-]{1,62}$/;

/**
 * Fields every artifact carries; `spec` is refined per kind. Optional fields may be `null` ("not set"), as
 * Marie-AI writes them; envelope objects are loose because an unknown key is a warning, never an error.
 */
export const envelopeShape = {
  kind: z.enum(artifactKinds).meta({ description: 'Artifact kind.' }),
  name: z
    .string()
    .regex(artifactNamePattern, { error: 'must be 2–63 characters of a-z, 0-9, "_" or "-", starting with a letter' })
    .meta({ description: 'Unique per kind in the repository.' }),
  description: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  category: z
    .string()
    .max(100)
    .refine((category) => category.trim() !== '', { error: 'must not be blank' })
    .nullish()
    .meta({ description: 'Category the Marie-AI planner registry lists the workflow under, e.g. "claims".' }),
};

/** The envelope keys, for telling unknown keys apart (they are warned about, not refused). */
export const envelopeKeys: ReadonlySet<string> = new Set([...Object.keys(envelopeShape), 'spec']);

/** The envelope alone, for documents whose kind is not (yet) one of the three. */
export const envelopeSchema = z.looseObject({ ...envelopeShape, spec: z.record(z.string(), z.unknown()) });
