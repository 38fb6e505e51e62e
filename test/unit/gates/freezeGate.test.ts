import { strict as assert } from 'node:assert';
import { evaluateFreeze } from '../../../core/gates/freezeGate';
import { freezeWindowSchema } from '../../../core/gates/freezeWindows';

const holidays = freezeWindowSchema.parse({ start: '2024-12-24T00:00', end: '2024-12-27T00:00', timeZone: 'Europe/Berlin', reason: 'holidays' });
const during = new Date('2024-12-25T12:00:00Z');

describe('freeze gate', () => {
  it('passes outside every window', () => {
    const result = evaluateFreeze([holidays], new Date('2024-12-20T12:00:00Z'));
    assert.deepEqual([result.gate, result.passed, result.window, result.overridden], ['freeze', true, null, false]);
  });

  it('refuses inside a window, describing it and the way out', () => {
    const result = evaluateFreeze([holidays], during);
    assert.equal(result.passed, false);
    assert.match(result.reason, /2024-12-24T00:00 – 2024-12-27T00:00 Europe\/Berlin \(holidays\)/);
    assert.match(result.reason, /break-glass/);
    assert.equal(result.window?.reason, 'holidays');
  });

  it('passes with a break-glass override and records who and why', () => {
    const result = evaluateFreeze([holidays], during, { by: 'admin-1', reason: 'security fix CVE-2024-1' });
    assert.deepEqual([result.passed, result.overridden], [true, true]);
    assert.match(result.reason, /overridden by admin-1: security fix CVE-2024-1/);
  });

  it('ignores an override without a reason', () => {
    const result = evaluateFreeze([holidays], during, { by: 'admin-1', reason: '   ' });
    assert.deepEqual([result.passed, result.overridden], [false, false]);
  });
});
