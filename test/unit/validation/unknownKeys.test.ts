import assert from 'node:assert/strict';
import { applyEdits, assertDiagnostic, covered, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

const step = '{"task_id": "classify", "query_str": "classify", "dependancies": ["start"], "definition": {"method": "LLM", "model_name": "qwen"}}';

describe('unknown-key', () => {
  it('a node key Marie-AI does not know: a warning at the key, "did you mean", and a fix that renames it', () => {
    const text = workflowText([startNode, step]);
    const diagnostics = diagnose(text);
    const diagnostic = single(diagnostics, 'unknown-key');
    assertDiagnostic(text, diagnostic, {
      code: 'unknown-key',
      severity: 'warning',
      line: nodeLine(1),
      character: 6 + step.indexOf('"dependancies"'),
      covers: '"dependancies"',
    });
    assert.equal(diagnostic.message, 'a plan node has no field "dependancies" (did you mean "dependencies"?); Marie-AI drops it silently');
    assert.equal(diagnostic.fix?.title, 'Rename to "dependencies"');
    // Dropped, the dependency is gone: "classify" is a second root. Renamed, the plan is whole.
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['multiple-roots', 'unknown-key']);
    assert.deepEqual(diagnose(applyEdits(text, diagnostic.fix?.edits ?? [])), []);
  });

  it('no rename is suggested to a key the object already has', () => {
    const text = workflowText([startNode, step.replace('"dependancies": ["start"]', '"dependencies": ["start"], "dependancies": []')]);
    const diagnostic = single(diagnose(text), 'unknown-key');
    assert.equal(diagnostic.message, 'a plan node has no field "dependancies"; Marie-AI drops it silently');
    assert.equal(diagnostic.fix, undefined);
  });

  it('at plan, spec and envelope level too, saying who ignores the key', () => {
    const text = workflowText([startNode])
      .replace('"plan": {"nodes": [', '"plan": {"edges": [], "nodes": [')
      .replace('"outputs": {},', '"outputs": {}, "inptus": {},')
      .replace('"name": "claims-intake",', '"name": "claims-intake", "descripton": "Claims",');
    const warnings = diagnose(text).filter((d) => d.code === 'unknown-key');
    assert.deepEqual(
      warnings.map((d) => [covered(text, d.range), d.message]),
      [
        ['"descripton"', 'an artifact has no field "descripton" (did you mean "description"?); Forge Releases ignores it and does not publish it'],
        ['"inptus"', 'a workflow spec has no field "inptus" (did you mean "inputs"?); Forge Releases ignores it and does not publish it'],
        ['"edges"', 'a plan has no field "edges"; Marie-AI drops it silently'],
      ],
    );
    assert.equal(
      warnings.every((d) => d.severity === 'warning'),
      true,
    );
    assert.equal(diagnose(text).length, 3);
  });

  it('agents and processors: an unknown envelope key is a warning; their specs stay strict', () => {
    const agent = (extra: string, spec = '') =>
      `{"kind": "agent", "name": "helper"${extra}, "spec": {"model": {"connection": "c", "name": "n"}, "system_prompt": "s"${spec}}}`;
    assert.deepEqual(
      diagnose(agent(', "owner": "claims"')).map((d) => [d.code, d.severity]),
      [['unknown-key', 'warning']],
    );
    assert.deepEqual(
      diagnose(agent('', ', "temprature": 1')).map((d) => [d.code, d.message]),
      [['schema', 'unknown field "temprature"']],
    );
  });

  it('keys Marie-AI knows are not unknown: condition_function, guardrail fail_fast, RAG and CONTEXT_CACHE options', () => {
    const definitions = [
      '{"method": "RAG_SEARCH", "index_name": "claims", "source_ids": ["a"], "top_k": 10, "score_threshold": 0.5, "hybrid": true, "hybrid_alpha": 0.3, "rerank": true, "rerank_model": "m", "rerank_top_k": 5, "metadata_filters": {}, "include_citations": true, "include_content": false}',
      '{"method": "RAG_INGEST", "source_id": "s", "ref_doc_id": "d", "node_type": "document", "batch_mode": true, "batch_size": 100, "metadata": {}}',
      '{"method": "CONTEXT_CACHE", "max_tokens": 8000, "cache_key": "k", "ttl_seconds": 3600, "include_metadata": true, "truncation_strategy": "middle"}',
    ];
    for (const definition of definitions) {
      assert.deepEqual(diagnose(workflowText([startNode, `{"task_id": "s", "query_str": "s", "dependencies": ["start"], "definition": ${definition}}`])), [], definition);
    }
    const ranges = [
      ['{"method": "CONTEXT_CACHE", "max_tokens": 999}', '"max_tokens" must be ≥ 1000'],
      ['{"method": "CONTEXT_CACHE", "max_tokens": 200001}', '"max_tokens" must be ≤ 200000'],
      ['{"method": "CONTEXT_CACHE", "ttl_seconds": 59}', '"ttl_seconds" must be ≥ 60'],
      ['{"method": "CONTEXT_CACHE", "ttl_seconds": 86401}', '"ttl_seconds" must be ≤ 86400'],
      ['{"method": "RAG_SEARCH", "top_k": 101}', '"top_k" must be ≤ 100'],
      ['{"method": "RAG_SEARCH", "hybrid_alpha": 1.5}', '"hybrid_alpha" must be ≤ 1'],
    ];
    for (const [definition, message] of ranges) {
      const text = workflowText([startNode, `{"task_id": "s", "query_str": "s", "dependencies": ["start"], "definition": ${definition}}`]);
      assert.equal(single(diagnose(text), 'schema').message, message);
    }
  });
});
