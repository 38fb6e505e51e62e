import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

/** Serves a fetch handler on a free local port; returns its URL and a close function. */
export async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ServerType>((ready) => {
    const started = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => ready(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

/** A loopback port nothing listens on (it was free a moment ago): a server that is down. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
