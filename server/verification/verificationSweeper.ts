import type { ServiceDeps } from '../serviceDeps';
import { runDueVerifications } from './verificationRounds';

/** How often each replica looks for verification rounds that are due: a round waits at most this long. */
export const verificationPassMs = 250;

/** A running verification loop; `stop` clears its timer and waits for a pass in flight. */
export interface VerificationSweeper {
  stop(): Promise<void>;
}

/**
 * Runs verification passes every `intervalMs` in this replica; passes never overlap. Every replica runs one: the
 * database decides which of them evaluates each round (see runDueVerifications).
 */
export function startVerificationSweeper(deps: ServiceDeps, intervalMs = verificationPassMs): VerificationSweeper {
  let running: Promise<void> | null = null;
  const pass = () => {
    running ??= runDueVerifications(deps)
      .then(() => undefined)
      .catch((err) => deps.logger.error({ err }, 'verification pass failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
