import assert from 'node:assert/strict';
import { parseLogLine } from '../../../extension/session/embeddedService';

describe("the embedded service's log lines in the Output channel", () => {
  it('puts each HTTP request at debug, so the default (info) view shows what matters', () => {
    const request = parseLogLine(
      JSON.stringify({ level: 30, time: 1, pid: 2, hostname: 'h', msg: 'request', method: 'GET', route: '/api/releases', status: 200, ms: 3 }),
    );
    assert.deepEqual(request, { level: 20, text: 'request {"method":"GET","route":"/api/releases","status":200,"ms":3}', port: undefined });
  });

  it('keeps other lines at their level, and reads the port of the "listening" line', () => {
    assert.deepEqual(parseLogLine(JSON.stringify({ level: 30, msg: 'listening', port: 41234 })), { level: 30, text: 'listening {"port":41234}', port: 41234 });
    assert.equal(parseLogLine(JSON.stringify({ level: 50, msg: 'deploy failed', err: { message: 'gateway down' } })).text, 'deploy failed: gateway down');
    assert.equal(parseLogLine(JSON.stringify({ level: 40, msg: 'request', status: 500 })).level, 40, 'a request logged as a warning stays one');
    assert.deepEqual(parseLogLine('plain text'), { level: 30, text: 'plain text' });
  });
});
