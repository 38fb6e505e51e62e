import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../../../core/validation/diagnostic';
import type { RuleCode } from '../../../core/validation/ruleCodes';
import { validateArtifactText } from '../../../core/validation/validateArtifactText';

// Real plans from Marie-AI's own source, kept next to the repository (never copied into it); SOURCES.md there
// gives each one's origin and the verdict Marie itself gives it.
const repositoryRoot = resolve(__dirname, '..', '..', '..');
const plansDir = join(repositoryRoot, '..', 'shared', 'marie-plans');

/** One expected diagnostic: code, severity, where (JSON path) and, for related locations, what they cover. */
interface Expected {
  code: RuleCode;
  severity: 'error' | 'warning';
  at: string;
  related?: string[];
}

const error = (code: RuleCode, at: string): Expected => ({ code, severity: 'error', at });
const warning = (code: RuleCode, at: string, related?: string[]): Expected => (related ? { code, severity: 'warning', at, related } : { code, severity: 'warning', at });
const node = (index: number, rest: string) => `spec.plan.nodes.${index}.${rest}`;
const shadowing = (branch: number, path: number, shadowed: string[]) =>
  warning(
    'branch-path-shadowed',
    node(branch, `definition.paths.${path}.path_id`),
    shadowed.map((id) => `"${id}"`),
  );

/**
 * The verdict of each plan: SOURCES.md's "correct verdict per Marie source" column, made exact. Where that
 * column was written before the corrected DAG.md, DAG.md and the rules it added decide:
 * - "valid" means no error. A MERGER running NOOP is valid (Marie's own plans use it) and carries DAG.md's
 *   `merger-without-strategy` warning; an unconditional path evaluated first carries `branch-path-shadowed`
 *   (the "latent defect" SOURCES.md names in four plans, exactly those four).
 * - mock-parallel-subgraphs: the 3 fair `merger-single-input` warnings plus one `merger-without-strategy` per NOOP
 *   merger (7).
 * - mock-hitl-complete-workflow: it registers (so no error); that this Marie version cannot dispatch HITL_* at job
 *   submission is a property of one gateway version, for which DAG.md has no rule. Its NOOP merger is warned.
 * - mock-nested-branches: its two branches have neither a default nor an unconditional path (DAG.md
 *   `branch-without-default`), as SOURCES.md says; the nulls no longer hide them.
 * - agent-example-classify-review: the same 4 errors; no `hitl-no-timeout`, since Marie defaults an omitted HITL
 *   timeout to enabled (24 h).
 */
const verdicts: Record<string, Expected[]> = {
  'mock-simple.json': [],
  'mock-parallel-subgraphs.json': [
    warning('merger-single-input', node(2, 'dependencies')),
    warning('merger-without-strategy', node(2, 'definition.method')),
    warning('merger-without-strategy', node(7, 'definition.method')),
    warning('merger-single-input', node(8, 'dependencies')),
    warning('merger-without-strategy', node(8, 'definition.method')),
    warning('merger-without-strategy', node(14, 'definition.method')),
    warning('merger-single-input', node(15, 'dependencies')),
    warning('merger-without-strategy', node(15, 'definition.method')),
    warning('merger-without-strategy', node(19, 'definition.method')),
    warning('merger-without-strategy', node(20, 'definition.method')),
  ],
  // Unconditional other_path has the highest priority (3): invoice and contract paths can never be chosen.
  'mock-branch-simple.json': [shadowing(2, 2, ['contract_path', 'invoice_path'])],
  'mock-switch-complexity.json': [],
  // Unconditional standard (priority 3) shadows batch and expedited.
  'mock-branch-multi-condition.json': [shadowing(2, 2, ['batch', 'expedited'])],
  'mock-nested-branches.json': [warning('branch-without-default', node(2, 'definition.paths')), warning('branch-without-default', node(5, 'definition.paths'))],
  // Unconditional standard (priority 2) shadows premium (whose condition_function makes it conditional).
  'mock-branch-python-function.json': [shadowing(2, 1, ['premium'])],
  // Unconditional default (priority 4) shadows the other three paths.
  'mock-branch-jsonpath-advanced.json': [shadowing(2, 3, ['urgent_tagged', 'high_confidence', 'multi_recipient'])],
  // jsonpath-ng cannot parse a dot member starting with a digit; Marie's evaluator swallows it and reads None.
  'mock-guardrail-retry-loop.json': [error('invalid-jsonpath', node(2, 'definition.input_source')), error('invalid-jsonpath', node(5, 'definition.input_source'))],
  'mock-hitl-complete-workflow.json': [warning('merger-without-strategy', node(8, 'definition.method'))],
  'ocr-extract.json': [],
  // The scheduler can never dispatch "/extract": it has no executor part.
  'json-registration-fixture.json': [error('schema', node(1, 'definition.endpoint'))],
  // Registers, but job submission needs exactly one root and finds none.
  'studio-template-test.json': [error('no-root', 'spec.plan.nodes')],
  // START_END is a Studio-only method the gateway rejects.
  'agent-example-ocr.json': [error('unknown-method', node(0, 'definition.method')), error('unknown-method', node(2, 'definition.method'))],
  'agent-example-classify-review.json': [
    error('unknown-method', node(0, 'definition.method')),
    error('unknown-method', node(1, 'definition.method')),
    error('schema', node(4, 'definition.merge_strategy')),
    error('unknown-method', node(5, 'definition.method')),
  ],
};

function verdictOf(text: string, file: string): Expected[] {
  const diagnostics = validateArtifactText(text, `workflows/${file}`).diagnostics;
  return diagnostics.map((d: Diagnostic) => {
    const found: Expected = { code: d.code as RuleCode, severity: d.severity, at: d.path.join('.') };
    if (d.related) found.related = d.related.map((related) => text.slice(related.range.offset, related.range.offset + related.range.length));
    return found;
  });
}

/** A copy without any member whose value is null, at any depth. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null)
      .map(([key, member]) => [key, withoutNulls(member)]),
  );
}

describe('the 15 Marie-AI plans (../shared/marie-plans)', () => {
  it('are all there, and each has an expected verdict', () => {
    assert.ok(existsSync(plansDir), `${plansDir} is missing: the plans are read from there, next to the repository`);
    const files = readdirSync(plansDir)
      .filter((file) => file.endsWith('.json'))
      .sort();
    assert.deepEqual(files, Object.keys(verdicts).sort());
    const sources = readFileSync(join(plansDir, 'SOURCES.md'), 'utf8');
    for (const file of files) assert.ok(sources.includes(`| \`${file}\` |`), `${file} is not in SOURCES.md`);
  });

  for (const [file, expected] of Object.entries(verdicts)) {
    it(`${file}: ${describeVerdict(expected)}`, () => {
      const text = readFileSync(join(plansDir, file), 'utf8');
      assert.deepEqual(verdictOf(text, file), expected);
      // Marie writes unset fields as null; the same plan with them left out gets the same verdict.
      const stripped = JSON.stringify(withoutNulls(JSON.parse(text)), null, 2);
      assert.deepEqual(
        verdictOf(stripped, file).map(({ code, severity, at }) => ({ code, severity, at })),
        expected.map(({ code, severity, at }) => ({ code, severity, at })),
      );
    });
  }
});

function describeVerdict(expected: readonly Expected[]): string {
  if (expected.length === 0) return 'valid, no warnings';
  const counts = new Map<string, number>();
  for (const { code, severity } of expected) counts.set(`${severity} ${code}`, (counts.get(`${severity} ${code}`) ?? 0) + 1);
  return [...counts].map(([what, count]) => `${count} ${what}`).join(', ');
}
