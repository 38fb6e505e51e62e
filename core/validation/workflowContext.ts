import type { JsonPath } from './diagnostic';
import type { Finding, FindingFix } from './finding';
import { nearestNames } from './nearestNames';
import type { PlanModel } from './planModel';

// Suggestions cost an edit-distance scan of every task_id; a file broken everywhere gets them for the first few.
const suggestionBudget = 100;

/** What the workflow rules share: the plan as read, and the findings they add to. */
export class WorkflowContext {
  readonly findings: Finding[] = [];
  private suggestionsLeft = suggestionBudget;

  constructor(readonly plan: PlanModel) {}

  report(finding: Finding): void {
    this.findings.push(finding);
  }

  /** Quick fixes replacing the id string at `path` with the nearest existing task_ids. */
  replaceIdFixes(path: JsonPath, unknownId: string, exclude?: string): FindingFix[] {
    if (this.suggestionsLeft <= 0) return [];
    this.suggestionsLeft--;
    const candidates = [...this.plan.byId.keys()].filter((id) => id !== exclude);
    return nearestNames(unknownId, candidates).map((id) => ({
      title: `Change to ${JSON.stringify(id)}`,
      edits: [{ path, at: 'replace', newText: JSON.stringify(id) }],
    }));
  }
}
