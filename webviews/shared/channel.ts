import type * as z from 'zod/mini';
import { describeIssues, type CommonFromWebview } from './messages';
import type { VsCodeApi } from './vscodeApi';

/**
 * The webview's end of a panel's protocol: messages from the extension are checked against `incoming` before
 * `receive` sees them (a refused one is reported back), and the `ready` handshake is sent once the listener is
 * in place, so nothing the extension posts is lost.
 */
export class Channel<In, Out extends { type: string }> {
  private readonly vscode: VsCodeApi = acquireVsCodeApi();

  /** `incoming` checks the envelope only; `In` is the full type the extension checked before posting. */
  constructor(
    private readonly incoming: z.ZodMiniType,
    private readonly outgoing: z.ZodMiniType<Out | CommonFromWebview>,
  ) {}

  /** Starts listening and says `ready`. */
  open(receive: (message: In) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const parsed = this.incoming.safeParse(event.data);
      if (parsed.success) receive(parsed.data as In);
      else this.post({ type: 'rejectedMessage', reason: describeIssues(parsed.error).slice(0, 4000) });
    });
    this.post({ type: 'ready' });
  }

  post(message: Out | CommonFromWebview): void {
    this.vscode.postMessage(this.outgoing.parse(message));
  }

  /** What the webview saved with `save` before a reload, or undefined. */
  restore<T>(schema: z.ZodMiniType<T>): T | undefined {
    const saved = schema.safeParse(this.vscode.getState());
    return saved.success ? saved.data : undefined;
  }

  save(state: unknown): void {
    this.vscode.setState(state);
  }
}
