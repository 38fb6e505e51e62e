/** Work that runs after a response was sent (deploys, compensation); shutdown and tests wait for it. */
export interface BackgroundTasks {
  /** Runs `work` in the background; a rejection is reported to `onError`, never left unhandled. */
  run(work: () => Promise<unknown>): void;
  /** Resolves once no task is running (including tasks started while waiting). */
  idle(): Promise<void>;
  readonly size: number;
}

/** Creates a tracker for background work. */
export function createBackgroundTasks(onError: (error: unknown) => void): BackgroundTasks {
  const running = new Set<Promise<unknown>>();
  return {
    run(work) {
      const task = work().catch(onError);
      running.add(task);
      void task.finally(() => running.delete(task));
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get size() {
      return running.size;
    },
  };
}
