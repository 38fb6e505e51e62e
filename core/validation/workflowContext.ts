import type { JsonPath } from './diagnostic';
import type { Finding, FindingFix } from './finding';
import { nearestNames } from '../text/nearestNames';
import type { PlanModel, PlanNode } from './planModel';

/** An `unknown-dependency` finding, kept so the errors it causes further on can be folded into it. */
export interface UnknownDependency {
  id: string;
  finding: Finding;
  /** The task_ids it is probably a typo of. */
  nearest: readonly string[];
}

// Suggestions cost an edit-distance scan of every task_id; a file broken everywhere gets them for the first few.
const suggestionBudget = 100;

/** What the workflow rules share: the plan as read, and the findings they add to. */
export class WorkflowContext {
  readonly findings: Finding[] = [];
  /** The unknown dependencies of each node, reported by the graph rules. */
  readonly unknownDependencies = new Map<PlanNode, UnknownDependency[]>();
  private suggestionsLeft = suggestionBudget;

  constructor(readonly plan: PlanModel) {}

  report(finding: Finding): void {
    this.findings.push(finding);
  }

  /** The existing task_ids nearest to an unknown one (within a budget, see above). */
  nearestIds(unknownId: string, exclude?: string): string[] {
    if (this.suggestionsLeft <= 0) return [];
    this.suggestionsLeft--;
    return nearestNames(
      unknownId,
      [...this.plan.byId.keys()].filter((id) => id !== exclude),
    );
  }

  /** Quick fixes replacing the id string at `path` with each of `ids`. */
  replaceIdFixes(path: JsonPath, ids: readonly string[]): FindingFix[] {
    return ids.map((id) => ({ title: `Change to ${JSON.stringify(id)}`, edits: [{ path, at: 'replace', newText: JSON.stringify(id) }] }));
  }

  /**
   * The unknown dependency of `node` or of a node upstream of it that explains why `readId` cannot be read
   * from there: the same unknown id, or the task_id it is probably a typo of.
   */
  unknownDependencyBehind(node: PlanNode, readId: string): UnknownDependency | undefined {
    const seen = new Set<PlanNode>([node]);
    const stack = [node];
    for (let current = stack.pop(); current; current = stack.pop()) {
      const cause = this.unknownDependencies.get(current)?.find((entry) => entry.id === readId || entry.nearest.includes(readId));
      if (cause) return cause;
      for (const dependency of current.dependencies) {
        if (dependency.node && !seen.has(dependency.node)) {
          seen.add(dependency.node);
          stack.push(dependency.node);
        }
      }
    }
    return undefined;
  }
}
