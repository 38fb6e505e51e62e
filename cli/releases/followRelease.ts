import type { ForgeClient } from '../../client/forgeClient';
import type { Approval } from '../../core/api/approval';
import type { Release } from '../../core/api/release';
import { releaseState } from './releaseText';

/** Where progress goes: a terminal gets one line rewritten in place, anything else one line per change. */
interface ProgressOutput {
  isTTY: boolean;
  write(text: string): unknown;
}

const pollMs = 2_000;
/** How long to wait before reconnecting a stream that ended or failed. */
const reconnectMs = 1_000;

/**
 * Follows a release until it succeeds or fails (a rejected or expired approval fails it), and once it succeeded
 * until its verification window (if its environment watches metrics) is over, showing its status, approval
 * progress and newest checks. Events from `GET /api/events` wake it at once; a stream that drops is reconnected
 * with the last event id seen, and a poll covers the time it is down.
 */
export async function followRelease(client: ForgeClient, release: Release, output: ProgressOutput): Promise<Release> {
  const stop = new AbortController();
  let wake: () => void = () => undefined;
  void (async () => {
    let lastEventId: string | null = null;
    while (!stop.signal.aborted) {
      try {
        for await (const event of client.events(stop.signal, lastEventId)) {
          lastEventId = event.id ?? lastEventId;
          const id = event.type === 'release.updated' ? event.data.id : event.type === 'approval.updated' ? event.data.releaseId : null;
          if (id === release.id) wake();
        }
      } catch {
        // The stream is only a shortcut: the poll below carries on without it.
      }
      await new Promise((resume) => setTimeout(resume, reconnectMs).unref());
    }
  })();

  let current = release;
  let approval: Approval | null = null;
  let shown = '';
  try {
    for (;;) {
      current = await client.getRelease(release.id);
      if (current.approval !== 'not-required') approval = await client.getApproval(release.id);
      // Off a terminal a line is written per change, so the time left is not part of it.
      const line = `${current.environment} ← ${current.version}: ${releaseState(current, approval, output.isTTY ? new Date() : null)}`;
      if (line !== shown) {
        output.write(output.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
        shown = line;
      }
      if (current.status === 'failed' || (current.status === 'succeeded' && current.verification?.state !== 'running')) return current;
      await new Promise<void>((resume) => {
        const timer = setTimeout(resume, pollMs);
        wake = () => {
          clearTimeout(timer);
          resume();
        };
      });
    }
  } finally {
    if (output.isTTY && shown) output.write('\n');
    // Aborting ends the stream's loop; the outcome is known, so nothing waits for that.
    stop.abort();
  }
}
