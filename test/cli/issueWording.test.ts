import assert from 'node:assert/strict';
import { z } from 'zod';
import { refusalLine, wordIssue } from '../../cli/commandLine/issueWording';

/** The wording of the first issue zod raises for `value` under `schema`, after the name `--flag`. */
function worded(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  assert.ok(!result.success);
  return refusalLine('--flag', wordIssue(result.error.issues[0]!));
}

describe('wording a refused value in the terms of the flag that gave it', () => {
  const cases: Array<[string, z.ZodType, unknown, string]> = [
    ['a number over its maximum', z.number().int().max(1000), 5000, '--flag must be at most 1000'],
    ['a number under its minimum', z.number().int().min(1), 0, '--flag must be at least 1'],
    ['an exclusive bound', z.number().lt(10), 10, '--flag must be less than 10'],
    ['an empty text', z.string().min(1), '', '--flag must not be empty'],
    ['a text over its length', z.string().max(128), 'x'.repeat(129), '--flag must be at most 128 characters long'],
    ['a list over its length', z.array(z.string()).max(2), ['a', 'b', 'c'], '--flag must have at most 2 items'],
    ['a value outside its choices', z.enum(['success', 'failure']), 'passed', '--flag must be one of success, failure'],
    ['a wrong type', z.number(), 'ten', '--flag must be a number'],
    ['a malformed URL', z.url(), 'not a url', '--flag must be a URL'],
    ["a pattern, in the schema's words", z.string().regex(/^[a-z]+$/, 'a lower-case name'), 'ABC', '--flag must be a lower-case name'],
    ['a refinement that names what is expected', z.string().refine(() => false, 'a date (2024-03-01)'), 'x', '--flag must be a date (2024-03-01)'],
    ['a refinement that says what is wrong', z.string().refine(() => false, 'start must not be after end'), 'x', '--flag: start must not be after end'],
  ];
  for (const [what, schema, value, line] of cases) {
    it(what, () => assert.equal(worded(schema, value), line));
  }

  it("never shows zod's own wording", () => {
    for (const [, schema, value] of cases) {
      assert.doesNotMatch(worded(schema, value), /Too (big|small)|Invalid (input|option|string|URL)|expected .* to (be|have)/);
    }
  });
});
