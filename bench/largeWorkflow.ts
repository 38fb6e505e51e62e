// The benchmark document: a valid 5,000-node workflow built from a realistic 20-node stage.

const blocks = 250; // 20 nodes each

/**
 * One 20-node stage shaped like a real claims pipeline: classify → branch → two extractors → merge → a chain
 * of field steps → search → guardrail → publish | human review → archive. Mostly plain compute nodes, with
 * a branch, a merger, a guardrail and a HITL node so every rule has work to do.
 */
function block(index: number, previous: string | undefined): object[] {
  const id = (name: string) => `b${index}_${name}`;
  const node = (name: string, deps: string[], nodeType: string, definition: object) => ({
    task_id: id(name),
    query_str: `${index}: ${name}`,
    dependencies: deps,
    node_type: nodeType,
    definition,
  });
  const llm = { method: 'LLM', endpoint: 'extract', model_name: 'qwen_v2_5_vl', params: { layout: 'claims' } };
  const executor = (endpoint: string) => ({ method: 'EXECUTOR_ENDPOINT', endpoint });
  const python = { method: 'PYTHON_FUNCTION', endpoint: 'claims.fields.normalize', params: { layout: 'claims' } };
  const steps = ['dates', 'amounts', 'provider', 'patient', 'codes', 'totals', 'signature', 'attachments'];
  return [
    node('classify', previous ? [previous] : [], 'COMPUTE', llm),
    node('route', [id('classify')], 'BRANCH', {
      method: 'BRANCH',
      evaluation_mode: 'first_match',
      default_path_id: 'generic',
      paths: [
        {
          path_id: 'medical',
          priority: 2,
          target_node_ids: [id('medical')],
          condition: { jsonpath: `$.nodes.${id('classify')}.output.forms[?(@.type == 'cms1500')]`, operator: 'exists' },
        },
        { path_id: 'generic', priority: 1, target_node_ids: [id('generic')] },
      ],
    }),
    node('medical', [id('route')], 'EXTRACTOR', llm),
    node('generic', [id('route')], 'COMPUTE', executor('extract_executor://document/extract')),
    node('merge', [id('medical'), id('generic')], 'MERGER', { method: 'MERGER_ENHANCED', merge_strategy: 'wait_all_active' }),
    node('normalize', [id('merge')], 'COMPUTE', python),
    node('segment', [id('normalize')], 'SEGMENTER', llm),
    ...steps.map((step, i) => node(step, [i === 0 ? id('segment') : id(steps[i - 1] as string)], 'EXTRACTOR', i % 2 === 0 ? llm : python)),
    node('enrich', [id(steps[steps.length - 1] as string)], 'COMPUTE', { method: 'RAG_SEARCH', top_k: 5 }),
    node('check', [id('enrich')], 'GUARDRAIL', {
      method: 'GUARDRAIL',
      input_source: `$.nodes.${id('enrich')}.output`,
      metrics: [{ type: 'json_schema', name: 'Output schema', threshold: 1 }],
      paths: [
        { path_id: 'pass', target_node_ids: [id('publish')] },
        { path_id: 'fail', target_node_ids: [id('review')] },
      ],
    }),
    node('publish', [id('check')], 'COMPUTE', executor('export_executor://results/publish')),
    node('review', [id('check')], 'COMPUTE', {
      method: 'HITL_APPROVAL',
      title: 'Review extracted claim',
      timeout: { enabled: true, duration_seconds: 86400 },
    }),
    node('archive', [id('publish')], 'COMPUTE', executor('archive_executor://results/store')),
  ];
}

// The optional fields Marie-AI writes as null when it serialises a plan (model_dump_json), per method.
const unsetByMethod: Record<string, Record<string, null>> = {
  BRANCH: { default_path_id: null },
  MERGER_ENHANCED: { min_required: null, timeout_seconds: null, merge_function: null },
  GUARDRAIL: { context_source: null, query_source: null },
  HITL_APPROVAL: { options: null, default_option: null, auto_approve: null, assigned_to: null, ui: null },
};

/** The node as Marie-AI writes it: every unset optional field present as null. */
function withUnsetAsNull(node: { definition: { method: string; paths?: object[] } }): object {
  const definition = { ...unsetByMethod[node.definition.method], ...node.definition };
  if (definition.method === 'BRANCH' && definition.paths) {
    definition.paths = definition.paths.map((path) => ({ condition: null, condition_function: null, description: null, ...path }));
  }
  return { ...node, definition };
}

/**
 * A valid 5,000-node workflow, pretty-printed like a checked-in file; with `unsetAsNull`, written the way Marie-AI
 * exports plans (unset optional fields as null), which must cost no more to validate.
 */
export function largeWorkflowText({ unsetAsNull = false } = {}): string {
  const nodes: object[] = [];
  for (let i = 0; i < blocks; i++) {
    const stage = block(i, i === 0 ? undefined : `b${i - 1}_archive`);
    nodes.push(...(unsetAsNull ? stage.map((node) => withUnsetAsNull(node as { definition: { method: string } })) : stage));
  }
  const workflow = {
    kind: 'workflow',
    name: 'claims-bulk',
    description: 'Benchmark workflow',
    spec: { outputs: { [`b${blocks - 1}_archive`]: { type: 'object' } }, plan: { nodes } },
  };
  return JSON.stringify(workflow, null, 2);
}
