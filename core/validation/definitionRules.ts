import { definitionSchemas, knownDefinitionKeys, methods, nodeTypesByMethod } from '../artifacts/methods';
import { quote } from './finding';
import { field } from '../json/jsonObject';
import { checkAgainstSchema } from './schemaFindings';
import { droppedByMarie, unknownKeyFindings } from './unknownKeys';
import type { WorkflowContext } from './workflowContext';

/** unknown-method, node-type-mismatch, the method's own schema, unknown-key in the definition. */
export function checkDefinitions(context: WorkflowContext, artifact: unknown): void {
  for (const node of context.plan.nodes) {
    const { definition } = node;
    if (!definition) continue;
    const definitionPath = [...node.path, 'definition'];
    const rawMethod = field(definition, 'method');
    if (!node.method) {
      // A missing or non-string method is a schema problem, reported by the envelope pass.
      if (typeof rawMethod === 'string') {
        context.report({
          code: 'unknown-method',
          message: `unknown method ${quote(rawMethod)}; expected one of ${methods.join(', ')}`,
          path: [...definitionPath, 'method'],
        });
      }
      continue;
    }
    const allowed = nodeTypesByMethod[node.method];
    if (node.nodeType !== undefined && !allowed.includes(node.nodeType as (typeof allowed)[number])) {
      context.report({
        code: 'node-type-mismatch',
        message: `method ${node.method} runs as ${allowed.join(' or ')}, not ${node.nodeType}${node.nodeTypeGiven ? '' : ' (the default node_type)'}`,
        path: node.nodeTypeGiven ? [...node.path, 'node_type'] : [...definitionPath, 'method'],
      });
    }
    for (const finding of checkAgainstSchema(definitionSchemas[node.method], definition, artifact, definitionPath)) context.report(finding);
    const unknown = unknownKeyFindings(definition, knownDefinitionKeys(node.method), definitionPath, `${node.method} does not read`, droppedByMarie);
    for (const finding of unknown) context.report(finding);
  }
}
