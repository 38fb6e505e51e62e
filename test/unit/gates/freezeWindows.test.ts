import { strict as assert } from 'node:assert';
import { activeFreeze, describeFreezeWindow, freezeWindowSchema, type FreezeWindow } from '../../../core/gates/freezeWindows';

const window = (body: unknown): FreezeWindow => freezeWindowSchema.parse(body);
const inForce = (freeze: FreezeWindow, instant: string) => activeFreeze([freeze], new Date(instant)) !== null;

describe('freeze windows', () => {
  describe('weekly', () => {
    const fridayAfternoon = window({ kind: 'weekly', days: ['fri'], start: '16:00', end: '23:59', timeZone: 'Europe/Berlin', reason: 'weekend' });

    it('uses local time in winter (UTC+1)', () => {
      assert.ok(!inForce(fridayAfternoon, '2024-03-01T14:59:00Z'), '15:59 CET');
      assert.ok(inForce(fridayAfternoon, '2024-03-01T15:00:00Z'), '16:00 CET');
      assert.ok(inForce(fridayAfternoon, '2024-03-01T22:58:59Z'), '23:58 CET');
      assert.ok(!inForce(fridayAfternoon, '2024-03-01T22:59:00Z'), '23:59 CET is the exclusive end');
    });

    it('uses local time in summer (UTC+2)', () => {
      assert.ok(!inForce(fridayAfternoon, '2024-07-05T13:59:00Z'), '15:59 CEST');
      assert.ok(inForce(fridayAfternoon, '2024-07-05T14:00:00Z'), '16:00 CEST');
    });

    it('only on the named days', () => {
      assert.ok(!inForce(fridayAfternoon, '2024-03-02T15:00:00Z'), 'Saturday 16:00');
      assert.ok(!inForce(fridayAfternoon, '2024-02-29T15:00:00Z'), 'Thursday 16:00');
    });

    it('runs past midnight when end is before start, counting from the named day', () => {
      const lateSaturday = window({ kind: 'weekly', days: ['sat'], start: '22:00', end: '02:00', timeZone: 'America/New_York', reason: 'batch' });
      assert.ok(inForce(lateSaturday, '2024-03-03T03:00:00Z'), 'Sat 22:00 EST');
      assert.ok(inForce(lateSaturday, '2024-03-03T06:30:00Z'), 'Sun 01:30 EST, carried over from Saturday');
      assert.ok(!inForce(lateSaturday, '2024-03-03T07:00:00Z'), 'Sun 02:00 EST');
      assert.ok(!inForce(lateSaturday, '2024-03-04T06:30:00Z'), 'Mon 01:30 EST: Sunday is not named');
    });

    it('freezes 24 hours when start equals end', () => {
      const allSunday = window({ kind: 'weekly', days: ['sun'], start: '00:00', end: '00:00', timeZone: 'UTC', reason: 'rest' });
      assert.ok(inForce(allSunday, '2024-03-03T00:00:00Z'));
      assert.ok(inForce(allSunday, '2024-03-03T23:59:59Z'));
      assert.ok(!inForce(allSunday, '2024-03-04T00:00:00Z'));
      assert.ok(!inForce(allSunday, '2024-03-02T23:59:59Z'));
    });

    it('covers only the local hours that exist on a spring-forward day (New York, 2024-03-10)', () => {
      const early = window({ kind: 'weekly', days: ['sun'], start: '01:30', end: '03:30', timeZone: 'America/New_York', reason: 'maintenance' });
      assert.ok(!inForce(early, '2024-03-10T06:29:59Z'), '01:29 EST');
      assert.ok(inForce(early, '2024-03-10T06:30:00Z'), '01:30 EST');
      assert.ok(inForce(early, '2024-03-10T06:59:59Z'), '01:59 EST');
      assert.ok(inForce(early, '2024-03-10T07:00:00Z'), '03:00 EDT, right after the skipped hour');
      assert.ok(inForce(early, '2024-03-10T07:29:59Z'), '03:29 EDT');
      assert.ok(!inForce(early, '2024-03-10T07:30:00Z'), '03:30 EDT: one real hour in all');
    });

    it('freezes a repeated hour both times on a fall-back day (New York, 2024-11-03)', () => {
      const repeated = window({ kind: 'weekly', days: ['sun'], start: '01:00', end: '02:00', timeZone: 'America/New_York', reason: 'maintenance' });
      assert.ok(!inForce(repeated, '2024-11-03T04:59:59Z'), '00:59 EDT');
      assert.ok(inForce(repeated, '2024-11-03T05:00:00Z'), '01:00 EDT');
      assert.ok(inForce(repeated, '2024-11-03T06:00:00Z'), '01:00 EST, the hour again');
      assert.ok(inForce(repeated, '2024-11-03T06:59:59Z'), '01:59 EST');
      assert.ok(!inForce(repeated, '2024-11-03T07:00:00Z'), '02:00 EST: two real hours in all');
    });

    it('never freezes a window lying wholly in a skipped hour (Berlin, 2024-03-31)', () => {
      const skipped = window({ kind: 'weekly', days: ['sun'], start: '02:00', end: '03:00', timeZone: 'Europe/Berlin', reason: 'gone' });
      assert.ok(!inForce(skipped, '2024-03-31T00:59:59Z'), '01:59 CET');
      assert.ok(!inForce(skipped, '2024-03-31T01:00:00Z'), '03:00 CEST');
      assert.ok(inForce(skipped, '2024-04-07T00:30:00Z'), 'a week later 02:30 CEST exists');
    });

    it('handles half-hour offsets and zones whose day differs from UTC', () => {
      const kolkata = window({ kind: 'weekly', days: ['mon'], start: '09:00', end: '10:00', timeZone: 'Asia/Kolkata', reason: 'standup' });
      assert.ok(!inForce(kolkata, '2024-03-04T03:29:59Z'), '08:59 IST');
      assert.ok(inForce(kolkata, '2024-03-04T03:30:00Z'), '09:00 IST');
      const auckland = window({ kind: 'weekly', days: ['mon'], start: '00:00', end: '06:00', timeZone: 'Pacific/Auckland', reason: 'early' });
      assert.ok(inForce(auckland, '2024-03-03T12:30:00Z'), 'Sunday in UTC is Monday 01:30 NZDT');
      assert.ok(!inForce(auckland, '2024-03-04T12:30:00Z'), 'Tuesday 01:30 NZDT');
    });
  });

  describe('one-off', () => {
    const holidays = window({ start: '2024-12-24T00:00', end: '2024-12-27T00:00', timeZone: 'Europe/Berlin', reason: 'holidays' });

    it('defaults to kind once and freezes between local start and end', () => {
      assert.equal(holidays.kind, 'once');
      assert.ok(!inForce(holidays, '2024-12-23T22:59:59Z'));
      assert.ok(inForce(holidays, '2024-12-23T23:00:00Z'));
      assert.ok(inForce(holidays, '2024-12-26T22:59:59Z'));
      assert.ok(!inForce(holidays, '2024-12-26T23:00:00Z'));
    });

    it('takes the earlier meaning of an ambiguous start and the later meaning of an ambiguous end', () => {
      const around = window({ start: '2024-11-03T01:30', end: '2024-11-03T01:45', timeZone: 'America/New_York', reason: 'cutover' });
      assert.ok(!inForce(around, '2024-11-03T05:29:59Z'), '01:29 EDT');
      assert.ok(inForce(around, '2024-11-03T05:30:00Z'), '01:30 EDT');
      assert.ok(inForce(around, '2024-11-03T06:10:00Z'), '01:10 EST, between the two meanings');
      assert.ok(inForce(around, '2024-11-03T06:44:59Z'), '01:44 EST');
      assert.ok(!inForce(around, '2024-11-03T06:45:00Z'), '01:45 EST');
    });

    it('moves a start inside a skipped hour forward to the first real instant', () => {
      const gap = window({ start: '2024-03-10T02:30', end: '2024-03-10T05:00', timeZone: 'America/New_York', reason: 'cutover' });
      assert.ok(!inForce(gap, '2024-03-10T06:59:59Z'), '01:59 EST');
      assert.ok(inForce(gap, '2024-03-10T07:30:00Z'), '03:30 EDT');
    });

    it('treats a date-time with an offset as absolute', () => {
      const absolute = window({ start: '2024-06-01T00:00Z', end: '2024-06-01T01:00+00:00', timeZone: 'Asia/Tokyo', reason: 'migration' });
      assert.ok(inForce(absolute, '2024-06-01T00:30:00Z'));
      assert.ok(!inForce(absolute, '2024-06-01T01:00:00Z'));
    });
  });

  it('returns the first window in force, or null', () => {
    const windows = [
      window({ start: '2024-01-01T00:00', end: '2024-01-02T00:00', timeZone: 'UTC', reason: 'new year' }),
      window({ kind: 'weekly', days: ['mon', 'tue'], start: '00:00', end: '12:00', timeZone: 'UTC', reason: 'mornings' }),
    ];
    assert.equal(activeFreeze(windows, new Date('2024-01-01T06:00:00Z'))?.reason, 'new year', 'both in force: the first wins');
    assert.equal(activeFreeze(windows, new Date('2024-01-02T06:00:00Z'))?.reason, 'mornings');
    assert.equal(activeFreeze(windows, new Date('2024-01-03T06:00:00Z')), null);
    assert.equal(activeFreeze([], new Date('2024-01-03T06:00:00Z')), null);
  });

  it('describes windows for gate reasons', () => {
    assert.equal(
      describeFreezeWindow(window({ kind: 'weekly', days: ['fri', 'sat'], start: '18:00', end: '06:00', timeZone: 'Europe/Berlin', reason: 'weekend' })),
      'fri, sat 18:00–06:00 Europe/Berlin (weekend)',
    );
  });

  describe('schema', () => {
    const valid = { kind: 'weekly', days: ['fri'], start: '18:00', end: '06:00', timeZone: 'Europe/Berlin', reason: 'weekend' };
    for (const [label, body, message] of [
      ['an unknown time zone', { ...valid, timeZone: 'Mars/Olympus' }, /IANA time zone/],
      ['an hour 24', { ...valid, start: '24:00' }, /HH:mm/],
      ['an unknown day', { ...valid, days: ['fri', 'caturday'] }, /./],
      ['a repeated day', { ...valid, days: ['fri', 'fri'] }, /each day once/],
      ['no days', { ...valid, days: [] }, /at least one day/],
      ['a blank reason', { ...valid, reason: '  ' }, /why deploys are frozen/],
      ['a one-off ending before it starts', { start: '2024-12-27T00:00', end: '2024-12-24T00:00', timeZone: 'UTC', reason: 'x' }, /end must be after start/],
      ['a one-off on 30 February', { start: '2024-02-30T00:00', end: '2024-03-02T00:00', timeZone: 'UTC', reason: 'x' }, /real calendar date/],
      ['a one-off given as a bare date', { start: '2024-12-24', end: '2024-12-27T00:00', timeZone: 'UTC', reason: 'x' }, /date-time/],
    ] as const) {
      it(`refuses ${label}`, () => {
        const result = freezeWindowSchema.safeParse(body);
        assert.equal(result.success, false);
        assert.match(JSON.stringify(result.error.issues), message);
      });
    }
  });
});
