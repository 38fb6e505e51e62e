import { quote } from './finding';
import { field, isObject, type JsonObject } from '../json/jsonObject';
import type { WorkflowContext } from './workflowContext';

/** output-not-sink: every `outputs` key names a node nothing depends on. */
export function checkOutputs(context: WorkflowContext, artifact: JsonObject): void {
  const spec = field(artifact, 'spec');
  const outputs = field(isObject(spec) ? spec : undefined, 'outputs');
  if (!isObject(outputs)) return;
  for (const key of Object.keys(outputs)) {
    const path = ['spec', 'outputs', key];
    const node = context.plan.byId.get(key);
    if (!node) {
      context.report({ code: 'output-not-sink', message: `output ${quote(key)} names no node of the plan`, path, anchor: 'key' });
      continue;
    }
    const { dependents } = node;
    if (dependents.length === 0) continue;
    const names = dependents
      .slice(0, 3)
      .map((node) => quote(node.id ?? `node ${node.index}`))
      .join(', ');
    context.report({
      code: 'output-not-sink',
      message: `output ${quote(key)} is not a sink: ${names}${dependents.length > 3 ? ', …' : ''} depend${dependents.length === 1 ? 's' : ''} on it`,
      path,
      anchor: 'key',
    });
  }
}
