import { nodeKeys, planKeys, specKeys } from '../artifacts/workflowSchema';
import { asObject, field, type JsonObject } from '../json/jsonObject';
import type { JsonPath } from './diagnostic';
import { type Finding, quote } from './finding';
import { nearestNames } from '../text/nearestNames';
import type { WorkflowContext } from './workflowContext';

/** What happens to an unknown key where it sits: Marie-AI drops plan keys; Forge keeps envelope keys unread. */
export const droppedByMarie = 'Marie-AI drops it silently';
export const ignoredByForge = 'Forge Releases ignores it and does not publish it';

/**
 * unknown-key: every key of `object` (found at `path`) outside `known`, as a warning at the key. When a known
 * key the object lacks is a plausible typo of it, the message names it and a quick fix renames the key.
 */
export function unknownKeyFindings(object: JsonObject, known: ReadonlySet<string>, path: JsonPath, subject: string, consequence: string): Finding[] {
  const findings: Finding[] = [];
  for (const key of Object.keys(object)) {
    if (known.has(key)) continue;
    const [suggestion] = nearestNames(
      key,
      [...known].filter((name) => !Object.hasOwn(object, name)),
      1,
    );
    const keyPath = [...path, key];
    const finding: Finding = {
      code: 'unknown-key',
      message: `${subject} ${quote(key)}${suggestion === undefined ? '' : ` (did you mean ${quote(suggestion)}?)`}; ${consequence}`,
      path: keyPath,
      anchor: 'key',
    };
    if (suggestion !== undefined) {
      finding.fixes = [{ title: `Rename to ${quote(suggestion)}`, edits: [{ path: keyPath, at: 'replaceKey', newText: JSON.stringify(suggestion) }] }];
    }
    findings.push(finding);
  }
  return findings;
}

/** unknown-key in the workflow spec, the plan and every plan node (definitions are checked per method). */
export function checkWorkflowKeys(context: WorkflowContext, artifact: JsonObject): void {
  const spec = asObject(field(artifact, 'spec'));
  if (spec) for (const finding of unknownKeyFindings(spec, specKeys, ['spec'], 'a workflow spec has no field', ignoredByForge)) context.report(finding);
  const plan = asObject(field(spec, 'plan'));
  if (plan) for (const finding of unknownKeyFindings(plan, planKeys, ['spec', 'plan'], 'a plan has no field', droppedByMarie)) context.report(finding);
  for (const node of context.plan.nodes) {
    if (!node.raw) continue;
    for (const finding of unknownKeyFindings(node.raw, nodeKeys, node.path, 'a plan node has no field', droppedByMarie)) context.report(finding);
  }
}
