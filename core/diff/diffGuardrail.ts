import type { ChangeDrafts } from './changeDraft';
import { diffEntities } from './diffEntities';
import { diffGeneric, diffObject, differAt, type ValueDiffer } from './diffGeneric';
import { asName, fieldOf } from './jsonShape';

// Marie-AI's default for a metric's `threshold` and a guardrail's `pass_threshold`.
const defaultThreshold = 0.8;

/** Diffs a GUARDRAIL node's `metrics`, matched by name: removal and stricter thresholds are breaking. */
export function diffGuardrailMetrics(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffEntities(
    path,
    before,
    after,
    {
      idOf: (metric) => asName(fieldOf(metric, 'name'))?.trim(),
      removed: (p, name, _metric, o) => o.push({ path: p, change: `guardrail metric "${name}" removed`, bump: 'major' }),
      added: (p, name, _metric, o) => o.push({ path: p, change: `guardrail metric "${name}" added`, bump: 'minor' }),
      kept: (p, b, a, o, name) => diffObject(p, b, a, { threshold: thresholdDiffer(`threshold of metric "${name}"`), type: differAt('major') }, o),
    },
    out,
  );
}

/** Diffs a GUARDRAIL node's `pass_threshold`. */
export const diffPassThreshold: ValueDiffer = (path, before, after, out) => thresholdDiffer('pass threshold')(path, before, after, out);

/** A raised threshold rejects more documents (major); a lowered one accepts more (minor). */
function thresholdDiffer(label: string): ValueDiffer {
  return (path, before, after, out) => {
    const previous = before ?? defaultThreshold;
    const next = after ?? defaultThreshold;
    if (typeof previous !== 'number' || typeof next !== 'number' || previous === next) {
      diffGeneric(path, before, after, out);
    } else if (next > previous) {
      out.push({ path, change: `${label} raised from ${previous} to ${next}`, bump: 'major' });
    } else {
      out.push({ path, change: `${label} lowered from ${previous} to ${next}`, bump: 'minor' });
    }
  };
}
