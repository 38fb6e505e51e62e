import { nearestNames } from '../../core/text/nearestNames';

/** `; did you mean production?` when known names are near `value` (plausible typos only), else nothing. */
export function didYouMean(value: string, known: Iterable<string>): string {
  const near = nearestNames(value, known);
  return near.length > 0 ? `; did you mean ${near.join(' or ')}?` : '';
}

/** `; known: development, staging, production` (or that there are none yet). */
export function knownNames(known: readonly string[]): string {
  return known.length > 0 ? `; known: ${known.join(', ')}` : '; there are none yet';
}

/** The nearest known names and the listed ones: `; did you mean production? (known: development, staging, production)`. */
export function nearAndKnownNames(value: string, known: readonly string[], listed: readonly string[] = known): string {
  const near = didYouMean(value, known);
  return near ? `${near} (known: ${listed.join(', ')})` : knownNames(listed);
}
