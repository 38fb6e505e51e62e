import assert from 'node:assert/strict';
import { readServerSentEvents, type RawServerSentEvent } from '../../../client/serverSentEvents';

/** A body that arrives in exactly these chunks. */
function body(chunks: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function read(chunks: readonly string[]): Promise<RawServerSentEvent[]> {
  const events: RawServerSentEvent[] = [];
  for await (const event of readServerSentEvents(body(chunks))) events.push(event);
  return events;
}

describe('server-sent events as the client reads them', () => {
  it('keeps the event name when a CR/LF pair is split across two chunks', async () => {
    const events = await read(['id: 7\r\nevent: release.updated\r', '\ndata: {"id":"r1"}\r', '\n\r', '\n']);
    assert.deepEqual(events, [{ event: 'release.updated', data: '{"id":"r1"}', id: '7' }]);
  });

  it('reads CR, LF and CRLF line endings, multi-line data, and skips comments and keep-alives', async () => {
    const events = await read([': keep-alive\n\n', 'event: a\rdata: one\rdata: two\r\r', 'event: b\ndata: three\n\n', 'data: plain\r\n\r\n']);
    assert.deepEqual(
      events.map(({ event, data }) => [event, data]),
      [
        ['a', 'one\ntwo'],
        ['b', 'three'],
        ['message', 'plain'],
      ],
    );
  });

  it('carries the last id to later events until another sets it, as Last-Event-ID resume needs; an empty id clears it', async () => {
    const events = await read(['id: 41\nevent: a\ndata: 1\n\n', 'event: b\ndata: 2\n\n', 'id: 42\nevent: c\ndata: 3\n\n', 'id:\nevent: d\ndata: 4\n\n']);
    assert.deepEqual(
      events.map(({ event, id }) => [event, id]),
      [
        ['a', '41'],
        ['b', '41'],
        ['c', '42'],
        ['d', null],
      ],
    );
  });

  it('gives nothing for a block without data, and every byte of one split anywhere', async () => {
    const stream = 'id: 9\nevent: release.updated\ndata: {"name":"développement"}\n\nevent: empty\n\n';
    const bytes = new TextEncoder().encode(stream);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const encoded = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, cut));
          controller.enqueue(bytes.slice(cut));
          controller.close();
        },
      });
      const events: RawServerSentEvent[] = [];
      for await (const event of readServerSentEvents(encoded)) events.push(event);
      assert.deepEqual(events, [{ event: 'release.updated', data: '{"name":"développement"}', id: '9' }], `cut at byte ${cut}`);
    }
  });
});
