import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One server-sent event: its name, its data lines joined, and the last event id the stream has set (null if none). */
export interface RawServerSentEvent {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Reads a text/event-stream body as events, parsed by `eventsource-parser` (line endings split across chunks,
 * comments and keep-alives included). As the SSE standard says, an `id:` line sets the stream's last event id,
 * which every later event carries until another one sets it: the id a client sends back as `Last-Event-ID`
 * when it reconnects.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<RawServerSentEvent> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let lastEventId: string | null = null;
  let parsed: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => parsed.push(message) });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
      const ready = parsed;
      parsed = [];
      for (const message of ready) {
        if (message.id !== undefined) lastEventId = message.id === '' ? null : message.id;
        yield { event: message.event ?? 'message', data: message.data, id: lastEventId };
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
