/** One server-sent event: its name, its data lines joined, and the last event id the stream has set (null if none). */
export interface RawServerSentEvent {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Splits a text/event-stream body into events; comments and keep-alives are skipped. As the SSE standard says,
 * an `id:` line sets the stream's last event id, which every later event carries until another one sets it:
 * the id a client sends back as `Last-Event-ID` when it reconnects.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<RawServerSentEvent> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let lastEventId: string | null = null;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const parsed = parseBlock(block);
        if (parsed.id !== undefined) lastEventId = parsed.id;
        if (parsed.data !== null) yield { event: parsed.event, data: parsed.data, id: lastEventId };
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function parseBlock(block: string): { event: string; data: string | null; id: string | undefined } {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    // An id holding NUL is ignored (the standard's rule); an empty one resets the last event id.
    else if (field === 'id' && !value.includes('\u0000')) id = value;
  }
  return { event, data: data.length > 0 ? data.join('\n') : null, id: id === '' ? undefined : id };
}
