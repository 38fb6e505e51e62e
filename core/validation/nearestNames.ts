/**
 * Names close to `target` by edit distance, nearest first (at most `limit`). Only plausible typos are
 * returned: at most a third of the target's length in edits (and always up to 2).
 */
export function nearestNames(target: string, candidates: Iterable<string>, limit = 3): string[] {
  const maxDistance = Math.max(2, Math.floor(target.length / 3));
  const scored: Array<{ name: string; distance: number }> = [];
  for (const name of candidates) {
    if (name === target || Math.abs(name.length - target.length) > maxDistance) continue;
    const distance = boundedEditDistance(target, name, maxDistance);
    if (distance <= maxDistance) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, limit).map((entry) => entry.name);
}

/** Levenshtein distance, giving up (returning max + 1) as soon as it must exceed `max`. */
function boundedEditDistance(a: string, b: string, max: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? max + 1;
}
