import { z } from 'zod';

/** A variable name: letters, digits and underscores, not starting with a digit (environment-variable style). */
export const variableKeySchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'a variable name of letters, digits and _ (e.g. OPENAI_API_KEY)');

/** `PUT /api/environments/:name/variables/:key`: a secret is encrypted at rest and never returned. */
export const variableWriteSchema = z.strictObject({
  value: z.string().max(65_536),
  secret: z.boolean().default(false),
});

/** What every secret value reads as outside gateway activation. */
export const maskedValue = '••••••';

/** A variable as the API lists it: a secret's value is always the mask. */
export const maskedVariableSchema = z.object({
  key: z.string(),
  secret: z.boolean(),
  value: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export type VariableWriteRequest = z.input<typeof variableWriteSchema>;
export type MaskedVariable = z.infer<typeof maskedVariableSchema>;
