import { z } from 'zod';
import { definitionOf, probabilitySchema } from './definitionBase';

const priority = z.enum(['low', 'medium', 'high', 'critical']);
const freeForm = z.record(z.string(), z.unknown());

function timeoutSchema<const S extends readonly [string, ...string[]]>(strategies: S) {
  return z.object({
    enabled: z.boolean().optional(),
    duration_seconds: z.number().int().min(1).optional(),
    strategy: z.enum(strategies).optional(),
  });
}

const assignment = z.object({ user_ids: z.array(z.string()).optional(), roles: z.array(z.string()).optional() });

/** Fields shared by the two HITL methods that pause for a person. */
const reviewShape = {
  title: z.string().min(1),
  description: z.string().optional(),
  priority: priority.optional(),
  assigned_to: assignment.optional(),
  notifications: freeForm.optional(),
  ui: freeForm.optional(),
};

const choiceApprovalTypes: ReadonlySet<string> = new Set(['single_choice', 'multi_choice', 'ranked_choice']);

export const hitlApprovalDefinition = definitionOf('HITL_APPROVAL', {
  ...reviewShape,
  approval_type: z.enum(['binary', 'single_choice', 'multi_choice', 'ranked_choice']).optional(),
  options: z.array(freeForm).optional(),
  default_option: z.string().optional(),
  auto_approve: z.object({ enabled: z.boolean().optional(), confidence_threshold: probabilitySchema.optional() }).optional(),
  timeout: timeoutSchema(['use_default', 'fail', 'escalate', 'skip_downstream']).optional(),
}).check((ctx) => {
  const { approval_type: type, options } = ctx.value;
  if (type !== undefined && choiceApprovalTypes.has(type) && (options === undefined || options.length === 0)) {
    ctx.issues.push({ code: 'custom', input: ctx.value, path: ['options'], message: `approval_type "${type}" needs at least one option` });
  }
});

export const hitlCorrectionDefinition = definitionOf('HITL_CORRECTION', {
  ...reviewShape,
  correction_type: z.enum(['text', 'structured', 'annotation', 'classification']).optional(),
  fields: z
    .array(
      z.object({
        key: z.string().min(1),
        label: z.string(),
        type: z.enum(['text', 'number', 'date', 'enum', 'boolean', 'json']),
        required: z.boolean().optional(),
        confidence_threshold: probabilitySchema.optional(),
      }),
    )
    .optional(),
  auto_validate: freeForm.optional(),
  timeout: timeoutSchema(['use_original', 'use_default', 'fail', 'escalate', 'skip_downstream']).optional(),
});

// Marie-AI defaults, used when a threshold is omitted.
const defaultAutoApprove = 0.95;
const defaultHumanReview = 0.7;

export const hitlRouterDefinition = definitionOf('HITL_ROUTER', {
  auto_approve_threshold: probabilitySchema.optional(),
  human_review_threshold: probabilitySchema.optional(),
  below_threshold_action: z.enum(['review', 'reject']).optional(),
  always_review_if: z
    .array(z.object({ field: z.string(), condition: z.enum(['exists', 'empty', 'equals', 'gt', 'lt']), value: z.unknown().optional() }))
    .optional(),
}).check((ctx) => {
  const auto = ctx.value.auto_approve_threshold ?? defaultAutoApprove;
  const human = ctx.value.human_review_threshold ?? defaultHumanReview;
  if (auto < human) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      path: [ctx.value.auto_approve_threshold === undefined ? 'human_review_threshold' : 'auto_approve_threshold'],
      message: `must keep auto_approve_threshold (${auto}) ≥ human_review_threshold (${human})`,
    });
  }
});
