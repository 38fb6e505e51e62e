import assert from 'node:assert/strict';
import type { Diagnostic, TextRange } from '../../../core/validation/diagnostic';
import type { RuleCode } from '../../../core/validation/ruleCodes';
import { validateArtifactText } from '../../../core/validation/validateArtifactText';

/**
 * A workflow text with a fixed layout, so positions are knowable: line 4 holds `outputs`, node k sits alone
 * on line 6 + k starting at character 6.
 */
export function workflowText(nodes: readonly string[], outputs = '{}'): string {
  return [
    '{',
    '  "kind": "workflow",',
    '  "name": "claims-intake",',
    '  "spec": {',
    `    "outputs": ${outputs},`,
    '    "plan": {"nodes": [',
    ...nodes.map((node, i) => `      ${node}${i < nodes.length - 1 ? ',' : ''}`),
    '    ]}',
    '  }',
    '}',
  ].join('\n');
}

export const nodeLine = (k: number) => 6 + k;

/** The two nodes every fixture starts from: a root and one step after it. */
export const startNode = '{"task_id": "start", "query_str": "start", "definition": {"method": "NOOP"}}';
export const classifyNode = '{"task_id": "classify", "query_str": "classify", "dependencies": ["start"], "definition": {"method": "LLM", "model_name": "qwen"}}';

export function diagnose(text: string, path = 'workflows/claims-intake.json'): Diagnostic[] {
  return validateArtifactText(text, path).diagnostics;
}

/** Validates a workflow of `nodes`; `column(needle)` is where `needle` starts on the line of node `focus`. */
export function checkWorkflow(nodes: readonly string[], focus = nodes.length - 1) {
  const text = workflowText(nodes);
  const line = nodes[focus] ?? '';
  return { text, diagnostics: diagnose(text), column: (needle: string) => 6 + line.indexOf(needle) };
}

/** The text a range covers. */
export function covered(text: string, range: TextRange): string {
  return text.slice(range.offset, range.offset + range.length);
}

/** Exactly one diagnostic with `code`; returns it. */
export function single(diagnostics: readonly Diagnostic[], code: RuleCode): Diagnostic {
  const matching = diagnostics.filter((d) => d.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got ${JSON.stringify(diagnostics.map((d) => `${d.code}: ${d.message}`))}`);
  return matching[0] as Diagnostic;
}

/** Asserts code, severity, start line/character and (optionally) the exact text the range covers. */
export function assertDiagnostic(
  text: string,
  diagnostic: Diagnostic,
  expected: { code: RuleCode; severity: 'error' | 'warning'; line: number; character: number; covers?: string },
): void {
  assert.equal(diagnostic.code, expected.code);
  assert.equal(diagnostic.severity, expected.severity);
  assert.deepEqual(diagnostic.range.start, { line: expected.line, character: expected.character }, diagnostic.message);
  if (expected.covers !== undefined) assert.equal(covered(text, diagnostic.range), expected.covers);
}

/** No diagnostic with this code. */
export function assertNone(diagnostics: readonly Diagnostic[], code: RuleCode): void {
  const found = diagnostics.filter((d) => d.code === code);
  assert.deepEqual(
    found.map((d) => d.message),
    [],
    `unexpected ${code}`,
  );
}

/** Applies a fix's edits (offsets refer to the original text). */
export function applyEdits(text: string, edits: ReadonlyArray<{ offset: number; length: number; newText: string }>): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((result, edit) => result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length), text);
}
