import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export type Weekday = (typeof weekdays)[number];

const timeZoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone such as "Europe/Berlin" or "UTC"');

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time "HH:mm" (00:00–23:59)');

// An offset (`Z`, `+02:00`) makes the moment absolute; without one it is wall-clock time in the window's zone.
const dateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, 'a date-time "YYYY-MM-DDTHH:mm"')
  .refine((text) => DateTime.fromISO(text, { zone: 'UTC' }).isValid, 'a real calendar date and time');

const hasOffset = /(Z|[+-]\d{2}:\d{2})$/;

const reasonSchema = z.string().trim().min(1, 'say why deploys are frozen').max(500);

/** A one-off freeze, e.g. a holiday: from `start` to `end` (exclusive), local times in `timeZone`. */
export const oneOffFreezeWindowSchema = z
  .object({
    kind: z.literal('once').default('once'),
    start: dateTimeSchema,
    end: dateTimeSchema,
    timeZone: timeZoneSchema,
    reason: reasonSchema,
  })
  .refine((window) => oneOffInterval(window).end > oneOffInterval(window).start, {
    message: 'end must be after start',
    path: ['end'],
  });

/**
 * A weekly freeze: on each of `days`, from local `start` to local `end` in `timeZone`. An `end` at or before
 * `start` runs past midnight into the next day (`fri 18:00` → `sat 06:00`; equal times freeze 24 hours).
 */
export const weeklyFreezeWindowSchema = z.object({
  kind: z.literal('weekly'),
  days: z
    .array(z.enum(weekdays))
    .min(1, 'name at least one day')
    .refine((days) => new Set(days).size === days.length, 'each day once'),
  start: timeOfDaySchema,
  end: timeOfDaySchema,
  timeZone: timeZoneSchema,
  reason: reasonSchema,
});

/** A deploy-freeze window as an environment stores it (`freezeWindows` in `PUT /api/environments/:name`). */
export const freezeWindowSchema = z.union([weeklyFreezeWindowSchema, oneOffFreezeWindowSchema]);

export type OneOffFreezeWindow = z.infer<typeof oneOffFreezeWindowSchema>;
export type WeeklyFreezeWindow = z.infer<typeof weeklyFreezeWindowSchema>;
export type FreezeWindow = z.infer<typeof freezeWindowSchema>;

/**
 * The first window in force at `now`, or null. Weekly windows compare wall-clock time in their zone, so across
 * a DST change they cover exactly the local hours they name (a skipped hour is skipped, a repeated hour is
 * frozen both times). One-off windows are absolute instants; an ambiguous local start takes its earlier
 * meaning and an ambiguous end its later one, so the freeze never shrinks.
 */
export function activeFreeze(windows: readonly FreezeWindow[], now: Date): FreezeWindow | null {
  return windows.find((window) => isInForce(window, now)) ?? null;
}

function isInForce(window: FreezeWindow, now: Date): boolean {
  if (window.kind === 'weekly') return isInWeeklyWindow(window, now);
  const { start, end } = oneOffInterval(window);
  return now.getTime() >= start && now.getTime() < end;
}

function isInWeeklyWindow(window: WeeklyFreezeWindow, now: Date): boolean {
  const local = DateTime.fromJSDate(now, { zone: window.timeZone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const today = weekdays[local.weekday - 1] as Weekday;
  const yesterday = weekdays[(local.weekday + 5) % 7] as Weekday;
  if (start < end) return window.days.includes(today) && minute >= start && minute < end;
  return (window.days.includes(today) && minute >= start) || (window.days.includes(yesterday) && minute < end);
}

function minutesOf(timeOfDay: string): number {
  const [hours, minutes] = timeOfDay.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function oneOffInterval(window: { start: string; end: string; timeZone: string }): { start: number; end: number } {
  const meanings = (text: string) => {
    const moment = DateTime.fromISO(text, { zone: window.timeZone });
    if (hasOffset.test(text)) return [moment.toMillis()];
    return moment.getPossibleOffsets().map((meaning) => meaning.toMillis());
  };
  return { start: Math.min(...meanings(window.start)), end: Math.max(...meanings(window.end)) };
}

/** A one-line description of a window for gate reasons, e.g. `fri, sat 18:00–06:00 Europe/Berlin`. */
export function describeFreezeWindow(window: FreezeWindow): string {
  const when = window.kind === 'weekly' ? `${window.days.join(', ')} ${window.start}–${window.end}` : `${window.start} – ${window.end}`;
  return `${when} ${window.timeZone} (${window.reason})`;
}
