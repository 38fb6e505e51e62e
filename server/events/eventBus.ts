import type { Logger } from 'pino';
import type { ForgeEvent } from '../../core/api/event';
import type { Database, Unlisten } from '../store/database';
import { appendLoggedEvent, eventChannel, lastLoggedEventId, readLoggedEvents, type LoggedEvent } from './eventLog';

/**
 * The live events of `GET /api/events` across every process on the database. Publishing appends to the event
 * log; each process tails the log and hands each event, in log order, to its subscribers. So a client
 * connected to one replica hears what happened on any other, and one that reconnects resumes after the last id
 * it saw.
 */
export interface EventBus {
  /** Logs an event; resolves once this process's subscribers have it. A failure is logged, never thrown. */
  publish(event: ForgeEvent): Promise<void>;
  /**
   * Calls `listener` with every event logged after the subscription, or, with `after`, every event after that
   * id first (from the log), then the live ones, each exactly once and in order. Returns the unsubscribe.
   */
  subscribe(listener: (event: LoggedEvent) => void, options?: { after?: number }): () => void;
  /** Stops tailing the log. */
  close(): Promise<void>;
}

export interface EventBusOptions {
  clock: () => Date;
  logger: Logger;
  /**
   * How often the log is read while someone listens, for events of other processes: a libSQL file has no way to
   * wake its readers; on PostgreSQL a NOTIFY wakes them at once and this only covers a lost listening connection.
   */
  pollMs?: number;
  /** Called before events read from the log are handed to subscribers (a read cache counts them as changes). */
  onEvents?: () => void;
}

const pageSize = 500;
// A publish that cannot see its event delivered (the log cannot be read) stops waiting after this.
const deliveryTimeoutMs = 5_000;

/** The event bus of one service process over its database. */
export function createEventBus(db: Database, options: EventBusOptions): EventBus {
  const { logger } = options;
  const listeners = new Set<(event: LoggedEvent) => void>();
  const waiting = new Set<{ id: number; done: () => void }>();
  // The id of the last event handed to subscribers; null until the tail starts with the first subscriber.
  let cursor: number | null = null;
  let starting: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let unlisten: Unlisten | null = null;
  let reading: Promise<void> | null = null;
  let readAgain = false;
  let closed = false;

  const settleWaiting = () => {
    for (const waiter of waiting) {
      if (cursor !== null && waiter.id <= cursor) {
        waiting.delete(waiter);
        waiter.done();
      }
    }
  };

  const readOnce = async () => {
    for (;;) {
      if (cursor === null) return;
      const page = await readLoggedEvents(db, cursor, pageSize);
      if (page.length > 0) options.onEvents?.();
      for (const logged of page) {
        cursor = logged.id;
        for (const listener of listeners) deliver(listener, logged);
      }
      settleWaiting();
      if (page.length < pageSize) return;
    }
  };

  // One read at a time; a wake during a read asks for one more after it.
  const read = (): Promise<void> => {
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      try {
        do {
          readAgain = false;
          await readOnce();
        } while (readAgain && !closed);
      } catch (error) {
        logger.warn({ err: error }, 'reading the event log failed; trying again on the next poll');
      } finally {
        reading = null;
      }
    })();
    return reading;
  };

  const deliver = (listener: (event: LoggedEvent) => void, logged: LoggedEvent) => {
    try {
      listener(logged);
    } catch (error) {
      logger.error({ err: error }, 'an event subscriber failed');
    }
  };

  const start = (): Promise<void> =>
    (starting ??= (async () => {
      cursor = await lastLoggedEventId(db);
      if (closed) return;
      timer = setInterval(() => void read(), options.pollMs ?? 500);
      timer.unref();
      unlisten = await db
        .listen(
          eventChannel,
          () => void read(),
          (error) => logger.warn({ err: error }, 'the event log listener broke; polling carries on'),
        )
        .catch((error: unknown) => {
          logger.warn({ err: error }, 'cannot listen for event log notifications; polling instead');
          return null;
        });
    })().catch((error: unknown) => {
      // The next subscriber tries again.
      starting = null;
      logger.warn({ err: error }, 'cannot start reading the event log');
    }));

  return {
    async publish(event) {
      try {
        const id = await appendLoggedEvent(db, event, options.clock());
        if (listeners.size === 0 || closed) return;
        await starting;
        const delivered = new Promise<void>((done) => {
          const waiter = { id, done };
          waiting.add(waiter);
          setTimeout(() => {
            if (waiting.delete(waiter)) done();
          }, deliveryTimeoutMs).unref();
        });
        await read();
        settleWaiting();
        await delivered;
      } catch (error) {
        logger.error({ err: error, type: event.type }, 'logging a live event failed');
      }
    },

    subscribe(listener, { after } = {}) {
      let active = true;
      let lastSeen = after ?? -1;
      // While the log is read from `after`, live events wait here; each event is handed over once, in order.
      let arriving: LoggedEvent[] | null = after === undefined ? null : [];
      const hand = (logged: LoggedEvent) => {
        if (!active || logged.id <= lastSeen) return;
        lastSeen = logged.id;
        deliver(listener, logged);
      };
      const own = (logged: LoggedEvent) => (arriving ? arriving.push(logged) : hand(logged));
      listeners.add(own);
      void start().then(read);
      if (after !== undefined) {
        void (async () => {
          try {
            for (let from = after; ;) {
              const page = await readLoggedEvents(db, from, pageSize);
              if (page.length > 0) options.onEvents?.();
              page.forEach(hand);
              if (page.length < pageSize) break;
              from = page.at(-1)?.id ?? from;
            }
          } catch (error) {
            logger.warn({ err: error }, 'reading the event log to resume a stream failed');
          }
          const arrived = arriving ?? [];
          arriving = null;
          arrived.forEach(hand);
        })();
      }
      return () => {
        active = false;
        listeners.delete(own);
      };
    },

    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      await starting?.catch(() => undefined);
      await unlisten?.();
      await reading;
      for (const waiter of waiting) waiter.done();
      waiting.clear();
    },
  };
}
