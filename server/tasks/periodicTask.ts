/** A task run on a timer; `stop` clears the timer and waits for a round in flight. */
export interface PeriodicTask {
  stop(): Promise<void>;
}

/** Runs `round` every `intervalMs`, never two at once (a round still running when the next is due skips it). */
export function startPeriodicTask(round: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void): PeriodicTask {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= round()
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
