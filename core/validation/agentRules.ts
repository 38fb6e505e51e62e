import { duplicateNameFindings } from './duplicateNames';
import type { Finding } from './finding';
import { asObject, field, type JsonObject, stringField } from '../json/jsonObject';

/** Agent rules beyond the schema (DAG.md §3): tool names are unique. */
export function agentFindings(artifact: JsonObject): Finding[] {
  const tools = field(asObject(field(artifact, 'spec')), 'tools');
  if (!Array.isArray(tools)) return [];
  return duplicateNameFindings(
    tools.length,
    (i) => stringField(tools[i], 'name'),
    (i) => ['spec', 'tools', i, 'name'],
    'duplicate-tool-name',
    'tool',
  );
}
