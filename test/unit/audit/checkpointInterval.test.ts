import { strict as assert } from 'node:assert';
import { checkpointDue, defaultCheckpointInterval, parseCheckpointInterval } from '../../../server/audit/checkpoints/checkpointInterval';

describe('FORGE_CHECKPOINT_INTERVAL', () => {
  it('reads events and minutes, in either order, with short units and hours', () => {
    assert.deepEqual(parseCheckpointInterval(defaultCheckpointInterval), { events: 1000, minutes: 15 });
    assert.deepEqual(parseCheckpointInterval('15m, 1000 events'), { events: 1000, minutes: 15 });
    assert.deepEqual(parseCheckpointInterval('500 events'), { events: 500, minutes: null });
    assert.deepEqual(parseCheckpointInterval('2h'), { events: null, minutes: 120 });
    assert.deepEqual(parseCheckpointInterval('1 minute,1 event'), { events: 1, minutes: 1 });
    assert.deepEqual(parseCheckpointInterval(' OFF '), { events: null, minutes: null });
  });

  it('refuses anything else with a message naming the part', () => {
    for (const text of ['', '1000', '0 events', '10 seconds', '5 events, 6 events', '1m, 2h', 'soon', '-5 events']) {
      assert.throws(() => parseCheckpointInterval(text), /is not|given twice/, text);
    }
  });

  it('is due when the chain grew by the events, or the minutes passed since the last checkpoint and it grew at all', () => {
    const interval = { events: 100, minutes: 15 };
    const latest = { seq: 400, signedAt: '2026-03-01T10:00:00.000Z' };
    const at = (time: string) => new Date(`2026-03-01T${time}Z`);
    assert.equal(checkpointDue(interval, latest, 499, at('10:01:00')), false);
    assert.equal(checkpointDue(interval, latest, 500, at('10:01:00')), true);
    assert.equal(checkpointDue(interval, latest, 401, at('10:14:59')), false);
    assert.equal(checkpointDue(interval, latest, 401, at('10:15:00')), true);
    assert.equal(checkpointDue(interval, latest, 400, at('23:00:00')), false);
    assert.equal(checkpointDue(interval, null, 1, at('10:00:00')), true);
    assert.equal(checkpointDue({ events: null, minutes: null }, null, 10_000, at('10:00:00')), false);
  });
});
