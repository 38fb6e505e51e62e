import { checkControlFlow } from './controlFlowRules';
import { checkDefinitions } from './definitionRules';
import type { Finding } from './finding';
import { checkGraph } from './graphRules';
import { checkJsonPaths } from './jsonPathRules';
import { checkNodes } from './nodeRules';
import { checkOutputs } from './outputRules';
import type { JsonObject } from '../json/jsonObject';
import { readPlan } from './planModel';
import { checkWorkflowKeys } from './unknownKeys';
import { WorkflowContext } from './workflowContext';

/** Every workflow rule of DAG.md §5 beyond the envelope schema, on whatever of the plan can be read. */
export function workflowFindings(artifact: JsonObject): Finding[] {
  const plan = readPlan(artifact);
  if (!plan) return [];
  const context = new WorkflowContext(plan);
  checkWorkflowKeys(context, artifact);
  checkDefinitions(context, artifact);
  checkGraph(context);
  checkControlFlow(context);
  checkNodes(context);
  checkJsonPaths(context);
  checkOutputs(context, artifact);
  return context.findings;
}
