import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../../server/logging/createLogger';

/** A debug-level logger of the service whose every line is kept, for tests that read what it logged. */
export function capturedLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}
