import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { completedState, firstCheckAt, nextCheckAfter, windowEnd } from '../../../core/verification/windowSchedule';

describe('the schedule of a verification window', () => {
  const startedAt = new Date('2026-03-02T09:00:00.000Z');

  it('checks one interval after it opens, every interval, and last at its end', () => {
    const times = { startedAt, until: windowEnd(startedAt, 100), intervalSeconds: 30 };
    const checks: string[] = [];
    for (let at: Date | null = firstCheckAt(times); at; at = nextCheckAfter(times, at)) checks.push(at.toISOString().slice(14, 19));
    assert.deepEqual(checks, ['00:30', '01:00', '01:30', '01:40']);
  });

  it('skips the checks a stopped service missed instead of making them up one by one', () => {
    const times = { startedAt, until: windowEnd(startedAt, 600), intervalSeconds: 60 };
    assert.equal(nextCheckAfter(times, new Date(startedAt.getTime() + 305_000))?.toISOString(), '2026-03-02T09:06:00.000Z');
    assert.equal(nextCheckAfter(times, new Date(startedAt.getTime() + 900_000)), null);
  });

  it('always moves forward, on the interval grid or at the end, and reaches the end in at most ceil(window / interval) checks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3600 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 7200_000 }),
        (windowSeconds, intervalSeconds, offsetMs) => {
          const times = { startedAt, until: windowEnd(startedAt, windowSeconds), intervalSeconds };
          const at = new Date(startedAt.getTime() + offsetMs);
          const next = nextCheckAfter(times, at);
          if (at >= times.until) return next === null;
          assert.ok(next && next > at && next <= times.until);
          const onGrid = (next.getTime() - startedAt.getTime()) % (intervalSeconds * 1000) === 0;
          assert.ok(onGrid || next.getTime() === times.until.getTime());
          let count = 0;
          for (let check: Date | null = firstCheckAt(times); check; check = nextCheckAfter(times, check)) count += 1;
          return count === Math.ceil(windowSeconds / intervalSeconds);
        },
      ),
    );
  });

  it('passes only when every check passed; one without a value leaves it inconclusive; a breach fails it', () => {
    assert.equal(completedState(['pass', 'pass']), 'passed');
    assert.equal(completedState(['pass', 'inconclusive', 'pass']), 'inconclusive');
    assert.equal(completedState([]), 'inconclusive');
    assert.equal(completedState(['pass', 'breach']), 'failed');
  });
});
