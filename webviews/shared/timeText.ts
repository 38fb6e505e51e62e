// Human times for every face of the extension (tree rows, quick picks, panels): relative in rows, the reader's
// local date and time in tooltips and titles, never a raw ISO string.
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * day],
  ['month', 30 * day],
  ['week', 7 * day],
  ['day', day],
  ['hour', hour],
  ['minute', minute],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/** "5 min. ago", "yesterday", "in 3 hr.", "now": how far an ISO instant is from `now`. */
export function relativeTime(iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const elapsed = at - now;
  for (const [unit, ms] of relativeUnits) if (Math.abs(elapsed) >= ms) return relativeFormat.format(Math.round(elapsed / ms), unit);
  return 'now';
}

/** An ISO instant as the reader's local date and time ("6 Dec 2026, 14:05"). */
export function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A positive duration in ms as "2 d 3 h", "5 h 12 min", "4 min", "12 s" or "less than a second". */
export function durationText(ms: number): string {
  if (ms < 1000) return 'less than a second';
  if (ms < minute) return `${Math.round(ms / 1000)} s`;
  const days = Math.floor(ms / day);
  const hours = Math.floor((ms % day) / hour);
  const minutes = Math.floor((ms % hour) / minute);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** "expires in 5 h 12 min" or "expired 3 min ago". */
export function expiryText(expiresAt: string, now: number): string {
  const left = new Date(expiresAt).getTime() - now;
  return left > 0 ? `expires in ${durationText(Math.max(left, minute))}` : `expired ${durationText(Math.max(-left, minute))} ago`;
}
