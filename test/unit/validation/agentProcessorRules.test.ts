import assert from 'node:assert/strict';
import { assertDiagnostic, assertNone, covered, diagnose, single } from './validationHelpers';

function agentText(tools: string): string {
  return [
    '{',
    '  "kind": "agent",',
    '  "name": "claims-assistant",',
    '  "spec": {',
    '    "model": {"connection": "openai", "name": "gpt-4o", "temperature": 0.2, "max_tokens": 2000},',
    '    "system_prompt": "You answer questions about claims.",',
    `    "tools": ${tools},`,
    '    "limits": {"max_iterations": 8, "timeout_seconds": 120}',
    '  }',
    '}',
  ].join('\n');
}

function processorText(type: string, body: string[]): string {
  return [
    '{',
    '  "kind": "processor",',
    '  "name": "cms1500",',
    '  "spec": {',
    `    "processor_type": "${type}",`,
    '    "endpoint": "extract_executor://document/cms1500",',
    ...body.map((line, i) => `    ${line}${i < body.length - 1 ? ',' : ''}`),
    '  }',
    '}',
  ].join('\n');
}

const field = (name: string, children?: string) =>
  `{"name": "${name}", "data_type": "PLAIN_TEXT", "occurrence": "OPTIONAL_ONCE"${children ? `, "children": ${children}` : ''}}`;

describe('agent and processor rules', () => {
  it('a valid agent has no diagnostics', () => {
    assert.deepEqual(diagnose(agentText('[{"name": "search_claims", "config": {}}, {"name": "lookup_policy"}]'), 'agents/claims-assistant.json'), []);
  });

  it('duplicate-tool-name: at the second tool name', () => {
    const text = agentText('[{"name": "search_claims"}, {"name": "search_claims"}]');
    const diagnostic = single(diagnose(text), 'duplicate-tool-name');
    assertDiagnostic(text, diagnostic, { code: 'duplicate-tool-name', severity: 'error', line: 6, character: 50, covers: '"search_claims"' });
    assert.equal(diagnostic.message, 'tool "search_claims" is listed twice');
    assert.equal(diagnostic.related?.[0]?.range.start.character, 23);
  });

  it('a valid extractor and classifier have no diagnostics', () => {
    assert.deepEqual(diagnose(processorText('extractor', [`"fields": [${field('patient_name')}, ${field('total')}]`])), []);
    assert.deepEqual(diagnose(processorText('classifier', ['"classes": ["cms1500", "ub04"]'])), []);
  });

  it('extractor-without-fields: at the empty fields, or at processor_type when fields are absent', () => {
    const empty = processorText('extractor', ['"fields": []']);
    assertDiagnostic(empty, single(diagnose(empty), 'extractor-without-fields'), {
      code: 'extractor-without-fields',
      severity: 'error',
      line: 6,
      character: 14,
      covers: '[]',
    });
    const absent = processorText('extractor', ['"base_model": "qwen"']);
    assertDiagnostic(absent, single(diagnose(absent), 'extractor-without-fields'), {
      code: 'extractor-without-fields',
      severity: 'error',
      line: 4,
      character: 22,
      covers: '"extractor"',
    });
    assertNone(diagnose(processorText('splitter', ['"fields": []'])), 'extractor-without-fields');
  });

  it('classifier-too-few-classes: fewer than two distinct classes', () => {
    const text = processorText('classifier', ['"classes": ["cms1500", "cms1500"]']);
    const diagnostics = diagnose(text);
    assertDiagnostic(text, single(diagnostics, 'classifier-too-few-classes'), {
      code: 'classifier-too-few-classes',
      severity: 'error',
      line: 6,
      character: 15,
      covers: '["cms1500", "cms1500"]',
    });
    assertDiagnostic(text, single(diagnostics, 'duplicate-class'), { code: 'duplicate-class', severity: 'error', line: 6, character: 27, covers: '"cms1500"' });
    assert.equal(
      single(diagnose(processorText('classifier', ['"base_model": "x"'])), 'classifier-too-few-classes').message,
      'a classifier needs at least two distinct classes (has 0)',
    );
  });

  it('duplicate-field-name: siblings only, at every nesting level', () => {
    const text = processorText('extractor', [`"fields": [${field('address', `[${field('city')}, ${field('city')}]`)}, ${field('city')}, ${field('address')}]`]);
    const diagnostics = diagnose(text).filter((d) => d.code === 'duplicate-field-name');
    assert.deepEqual(
      diagnostics.map((d) => [d.path.join('.'), covered(text, d.range)]),
      [
        ['spec.fields.0.children.1.name', '"city"'],
        ['spec.fields.2.name', '"address"'],
      ],
    );
    const line = text.split('\n')[6] as string;
    assertDiagnostic(text, diagnostics[0]!, { code: 'duplicate-field-name', severity: 'error', line: 6, character: 191, covers: '"city"' });
    assert.equal(line.indexOf('"city"', line.indexOf('"city"') + 1), 191);
    assertNone(diagnose(processorText('extractor', [`"fields": [${field('address', `[${field('city')}]`)}, ${field('city')}]`])), 'duplicate-field-name');
  });
});
