import { z } from 'zod';
import { definitionOf, probabilitySchema } from './definitionBase';

const priority = z.enum(['low', 'medium', 'high', 'critical']);
const freeForm = z.record(z.string(), z.unknown());

function timeoutSchema<const S extends readonly [string, ...string[]]>(strategies: S) {
  return z.object({
    enabled: z.boolean().nullish(),
    duration_seconds: z.number().int().min(1).nullish(),
    strategy: z.enum(strategies).nullish(),
  });
}

const assignment = z.object({ user_ids: z.array(z.string()).nullish(), roles: z.array(z.string()).nullish() });

/** Fields shared by the two HITL methods that pause for a person. */
const reviewShape = {
  title: z.string().min(1),
  description: z.string().nullish(),
  priority: priority.nullish(),
  assigned_to: assignment.nullish(),
  notifications: freeForm.nullish(),
  ui: freeForm.nullish(),
};

const choiceApprovalTypes: ReadonlySet<string> = new Set(['single_choice', 'multi_choice', 'ranked_choice']);

export const hitlApprovalDefinition = definitionOf('HITL_APPROVAL', {
  ...reviewShape,
  approval_type: z.enum(['binary', 'single_choice', 'multi_choice', 'ranked_choice']).nullish(),
  options: z.array(freeForm).nullish(),
  default_option: z.string().nullish(),
  auto_approve: z.object({ enabled: z.boolean().nullish(), confidence_threshold: probabilitySchema.nullish() }).nullish(),
  timeout: timeoutSchema(['use_default', 'fail', 'escalate', 'skip_downstream']).nullish(),
}).check((ctx) => {
  const { approval_type: type, options } = ctx.value;
  if (type != null && choiceApprovalTypes.has(type) && (options == null || options.length === 0)) {
    ctx.issues.push({ code: 'custom', input: ctx.value, path: ['options'], message: `approval_type "${type}" needs at least one option` });
  }
});

export const hitlCorrectionDefinition = definitionOf('HITL_CORRECTION', {
  ...reviewShape,
  correction_type: z.enum(['text', 'structured', 'annotation', 'classification']).nullish(),
  fields: z
    .array(
      z.object({
        key: z.string().min(1),
        label: z.string(),
        type: z.enum(['text', 'number', 'date', 'enum', 'boolean', 'json']),
        required: z.boolean().nullish(),
        confidence_threshold: probabilitySchema.nullish(),
      }),
    )
    .nullish(),
  auto_validate: freeForm.nullish(),
  timeout: timeoutSchema(['use_original', 'use_default', 'fail', 'escalate', 'skip_downstream']).nullish(),
});

// Marie-AI defaults, used when a threshold is omitted.
const defaultAutoApprove = 0.95;
const defaultHumanReview = 0.7;

export const hitlRouterDefinition = definitionOf('HITL_ROUTER', {
  auto_approve_threshold: probabilitySchema.nullish(),
  human_review_threshold: probabilitySchema.nullish(),
  below_threshold_action: z.enum(['review', 'reject']).nullish(),
  always_review_if: z.array(z.object({ field: z.string(), condition: z.enum(['exists', 'empty', 'equals', 'gt', 'lt']), value: z.unknown().nullish() })).nullish(),
}).check((ctx) => {
  const auto = ctx.value.auto_approve_threshold ?? defaultAutoApprove;
  const human = ctx.value.human_review_threshold ?? defaultHumanReview;
  if (auto < human) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      path: [ctx.value.auto_approve_threshold == null ? 'human_review_threshold' : 'auto_approve_threshold'],
      message: `must keep auto_approve_threshold (${auto}) ≥ human_review_threshold (${human})`,
    });
  }
});
