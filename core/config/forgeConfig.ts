import { z } from 'zod';
import type { ArtifactKind } from '../artifacts/artifactKind';

/** The name of the repository configuration file, at the repository root. */
export const forgeConfigFileName = 'forge.json';

/** Where each kind of artifact lives when forge.json does not say (PRODUCT.md §2). */
export const defaultArtifactGlobs: Readonly<Record<ArtifactKind, readonly string[]>> = {
  workflow: ['workflows/*.json'],
  agent: ['agents/*.json'],
  processor: ['processors/*.json'],
};

export const environmentTiers = ['development', 'staging', 'production'] as const;
export type EnvironmentTier = (typeof environmentTiers)[number];

/** One environment of the promotion chain, as the seed's environment table describes it. */
export interface ChainEnvironment {
  name: string;
  tier: EnvironmentTier;
  purpose: string;
  stability: string;
  dataClass: string;
}

/** The default chain development → staging → production, with the seed's purpose, stability and data. */
export const defaultEnvironments: readonly ChainEnvironment[] = [
  { name: 'development', tier: 'development', purpose: 'Feature testing, experimentation', stability: 'Unstable', dataClass: 'Synthetic test data' },
  { name: 'staging', tier: 'staging', purpose: 'Pre-production validation', stability: 'Stable', dataClass: 'Production-like data' },
  { name: 'production', tier: 'production', purpose: 'Live user-facing workflows', stability: 'Highly stable', dataClass: 'Real customer data' },
];

const globsSchema = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'expected a glob or a non-empty list of globs' })
  .transform((globs) => (typeof globs === 'string' ? [globs] : globs));

const environmentSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, starting with a letter'),
  tier: z.enum(environmentTiers).optional(),
  purpose: z.string().default(''),
  stability: z.string().default(''),
  dataClass: z.string().default(''),
});

/** forge.json: artifact globs per kind and the environment chain in promotion order; everything optional. */
export const forgeConfigSchema = z
  .object({
    artifacts: z
      .object({
        workflow: globsSchema.default([...defaultArtifactGlobs.workflow]),
        agent: globsSchema.default([...defaultArtifactGlobs.agent]),
        processor: globsSchema.default([...defaultArtifactGlobs.processor]),
      })
      .default({
        workflow: [...defaultArtifactGlobs.workflow],
        agent: [...defaultArtifactGlobs.agent],
        processor: [...defaultArtifactGlobs.processor],
      }),
    environments: z
      .array(environmentSchema)
      .min(1)
      .superRefine((environments, context) => {
        const seen = new Set<string>();
        environments.forEach((environment, index) => {
          if (seen.has(environment.name)) {
            context.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate environment "${environment.name}"` });
          }
          seen.add(environment.name);
        });
      })
      .optional(),
  })
  .transform(({ artifacts, environments }) => ({
    artifacts,
    environments: environments ? environments.map(withTier) : defaultEnvironments.map((environment) => ({ ...environment })),
  }));

/** A repository's configuration with every default applied. */
export type ForgeConfig = z.output<typeof forgeConfigSchema>;

/**
 * An environment without an explicit tier takes its name when that is a tier, else its place in the chain:
 * the first is development, the last production, any between staging.
 */
function withTier(environment: z.output<typeof environmentSchema>, index: number, chain: readonly unknown[]): ChainEnvironment {
  const named = environmentTiers.find((tier) => tier === environment.name);
  const positional: EnvironmentTier = index === 0 ? 'development' : index === chain.length - 1 ? 'production' : 'staging';
  return { ...environment, tier: environment.tier ?? named ?? positional };
}
