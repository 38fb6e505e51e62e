import { z } from 'zod';

/** Comparison operators of a branch condition (Marie-AI `ComparisonOperator`). */
const conditionOperators = [
  '==',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'matches',
  'exists',
  'not_exists',
  'is_empty',
  'is_not_empty',
] as const;

/** Operators that test presence or emptiness and so compare against no `value`. */
const valuelessOperators: ReadonlySet<string> = new Set(['exists', 'not_exists', 'is_empty', 'is_not_empty']);

/** `{jsonpath, operator, value}`: the JSONPath itself is checked by the validator (it needs a parser). */
const leafConditionSchema = z
  .object({
    jsonpath: z.string().meta({ description: 'JSONPath rooted at $ or @, e.g. $.metadata.document_type' }),
    operator: z.enum(conditionOperators),
    value: z.unknown().nullish(),
    description: z.string().nullish(),
  })
  .check((ctx) => {
    const { operator, value } = ctx.value;
    // `null` is Marie-AI's "not set", so it cannot stand for a value to compare against.
    if ((value === undefined || value === null) && !valuelessOperators.has(operator)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['value'],
        message:
          value === undefined
            ? `missing required field "value" (operator "${operator}" compares against it)`
            : `must be set: operator "${operator}" compares against it (null means "not set")`,
      });
    }
  });

/** `{combinator, conditions}`: AND/OR over nested conditions. */
const conditionGroupSchema = z.object({
  combinator: z.enum(['AND', 'OR']),
  get conditions() {
    return z.array(conditionSchema).min(1);
  },
});

/** A branch condition: a comparison or a group of them. */
export const conditionSchema: z.ZodType<Condition> = z
  .union([leafConditionSchema, conditionGroupSchema])
  .meta({ id: 'Condition', description: 'A comparison {jsonpath, operator, value} or a group {combinator, conditions}.' });

type LeafCondition = z.infer<typeof leafConditionSchema>;
interface ConditionGroup {
  combinator: 'AND' | 'OR';
  conditions: Condition[];
}
export type Condition = LeafCondition | ConditionGroup;
