/** A task that runs on a timer; `stop` clears the timer and waits for a run in flight. */
export interface PeriodicTask {
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs`, never two runs at once (a tick that finds one running is skipped); a failure
 * goes to `onError` and the next tick runs again. The timer does not keep the process alive.
 */
export function startPeriodicTask(work: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void): PeriodicTask {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= work()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
