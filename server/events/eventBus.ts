import { EventEmitter } from 'node:events';
import type { ForgeEvent } from '../../core/api/event';

/** In-process publish/subscribe for the server-sent events of `GET /api/events`. */
export interface EventBus {
  publish(event: ForgeEvent): void;
  /** Calls `listener` for every event until the returned function is called. */
  subscribe(listener: (event: ForgeEvent) => void): () => void;
}

/** Creates an event bus; any number of SSE streams may subscribe. */
export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('event', event),
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}
