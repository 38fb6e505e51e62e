const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** A positive duration in ms as "2 d 3 h", "5 h 12 min", "4 min" or "less than a minute". */
function durationText(ms: number): string {
  if (ms < minute) return 'less than a minute';
  const days = Math.floor(ms / day);
  const hours = Math.floor((ms % day) / hour);
  const minutes = Math.floor((ms % hour) / minute);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** An ISO time as the reader's local date and time. */
export function timeText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "expires in 5 h 12 min" or "expired 3 min ago". */
export function expiryText(expiresAt: string, now: number): string {
  const left = new Date(expiresAt).getTime() - now;
  return left > 0 ? `expires in ${durationText(left)}` : `expired ${durationText(-left)} ago`;
}
