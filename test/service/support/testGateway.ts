import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** What the gateway does with one activation request. */
export type GatewayBehaviour =
  | { kind: 'ok' }
  | { kind: 'fail'; status: number }
  /** Applies the manifest but answers only after `ms` (past the service's timeout: no answer). */
  | { kind: 'slow'; ms: number }
  /** Applies the manifest and never answers. */
  | { kind: 'hang' }
  /** Applies the manifest and drops the connection without answering. */
  | { kind: 'drop' };

/** An activation as the gateway received it. */
export interface ReceivedActivation {
  environment: string;
  version: string | null;
  artifacts: { kind: string; name: string; hash: string; content: unknown }[];
  variables: Record<string, string>;
}

/**
 * A stand-in for a workflow gateway: a real HTTP server implementing `POST /forge/activate`. It applies a
 * manifest when it receives it (unless told to fail) and answers as scripted, so tests can fail it on demand.
 */
export interface TestGateway {
  url: string;
  received: ReceivedActivation[];
  /** The version it serves now: undefined before the first activation, null after an empty manifest. */
  active: string | null | undefined;
  /** Queues the behaviour of the next requests; with nothing queued it answers 200. */
  enqueue(...behaviours: GatewayBehaviour[]): void;
  /** The behaviour of requests with nothing queued (200 at once unless changed). */
  setDefault(behaviour: GatewayBehaviour): void;
  /** Drops queued behaviours that no request used. */
  clearQueue(): void;
  close(): Promise<void>;
}

/** Starts a gateway on a free local port. */
export async function startTestGateway(): Promise<TestGateway> {
  const queue: GatewayBehaviour[] = [];
  let fallback: GatewayBehaviour = { kind: 'ok' };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const gateway = { received: [] as ReceivedActivation[], active: undefined as string | null | undefined };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/forge/activate') {
        response.writeHead(404).end();
        return;
      }
      const manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedActivation;
      gateway.received.push(manifest);
      const behaviour = queue.shift() ?? fallback;
      if (behaviour.kind === 'fail') {
        response.writeHead(behaviour.status, { 'content-type': 'application/json' }).end('{"error":"refused"}');
        return;
      }
      gateway.active = manifest.version;
      if (behaviour.kind === 'ok') response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      else if (behaviour.kind === 'drop') request.socket.destroy();
      else if (behaviour.kind === 'slow') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed) response.writeHead(200).end('{"ok":true}');
        }, behaviour.ms);
        timers.add(timer);
      }
      // 'hang': never answers; close() destroys the socket.
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;

  return Object.assign(gateway, {
    url: `http://127.0.0.1:${port}`,
    enqueue: (...behaviours: GatewayBehaviour[]) => void queue.push(...behaviours),
    clearQueue: () => void queue.splice(0),
    setDefault: (behaviour: GatewayBehaviour) => void (fallback = behaviour),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  });
}
