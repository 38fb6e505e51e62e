import type * as vscode from 'vscode';

/** Runs the latest action scheduled for a key once that key has been quiet for the given delay. */
export class KeyedDebouncer implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  schedule(key: string, delayMs: number, action: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        action();
      }, delayMs),
    );
  }

  /** Whether an action is waiting for this key. */
  isPending(key: string): boolean {
    return this.timers.has(key);
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
