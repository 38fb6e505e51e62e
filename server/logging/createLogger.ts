import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Authorization headers and anything named like a token or secret are redacted, as a
 * second line of defence: no code path logs them on purpose.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { service: 'forge-releases' },
    redact: {
      paths: ['token', '*.token', 'secret', '*.secret', 'authorization', '*.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
