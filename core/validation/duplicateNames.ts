import type { JsonPath } from './diagnostic';
import { type Finding, quote } from './finding';
import type { RuleCode } from './ruleCodes';

/**
 * Reports the second and later entries of a list that repeat a name. `nameAt(i)` gives entry i's name (or
 * undefined to skip it) and `pathAt(i)` where that name sits.
 */
export function duplicateNameFindings(
  count: number,
  nameAt: (index: number) => string | undefined,
  pathAt: (index: number) => JsonPath,
  code: RuleCode,
  what: string,
): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const name = nameAt(index);
    if (name === undefined) continue;
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, index);
      continue;
    }
    findings.push({
      code,
      message: `${what} ${quote(name)} is listed twice`,
      path: pathAt(index),
      related: [{ message: 'first listed here', path: pathAt(earlier) }],
    });
  }
  return findings;
}
