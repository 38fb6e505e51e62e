const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/** "5 min. ago", "yesterday", "now": how long ago an ISO instant was, for tree descriptions. */
export function relativeTime(iso: string, now = Date.now()): string {
  const elapsed = Date.parse(iso) - now;
  for (const [unit, ms] of units) if (Math.abs(elapsed) >= ms) return format.format(Math.round(elapsed / ms), unit);
  return 'now';
}
