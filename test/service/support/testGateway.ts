import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { GatewayFault } from '../../support/gatewayFaults';

/** What the gateway does with one activation request. */
export type GatewayBehaviour = GatewayFault;

/** An activation as the gateway received it. */
export interface ReceivedActivation {
  environment: string;
  version: string | null;
  releaseId: string | null;
  sequence: number;
  artifacts: { kind: string; name: string; hash: string; content: unknown }[];
  variables: Record<string, string>;
}

/** The raw request of an activation: what a receiver verifies the signature over. */
export interface RawActivation {
  body: string;
  signature: string | undefined;
}

/**
 * A stand-in for a webhook gateway: a real HTTP server implementing `POST /forge/activate` as the protocol asks
 * of a receiver. It applies a manifest when it receives it — unless told to fail, or unless its sequence is not
 * higher than the last one it applied for that environment, which it acknowledges and ignores — and answers as
 * scripted.
 */
export interface TestGateway {
  url: string;
  received: ReceivedActivation[];
  /** Each received request's raw body and `X-Forge-Signature` header, in the order of `received`. */
  raw: RawActivation[];
  /** Activations it ignored because it had applied a higher sequence. */
  stale: ReceivedActivation[];
  /** The version it serves now: undefined before the first activation, null after an empty manifest. */
  active: string | null | undefined;
  /** The manifest it applied last. */
  applied: ReceivedActivation | undefined;
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
  const appliedSequence = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const gateway = {
    received: [] as ReceivedActivation[],
    raw: [] as RawActivation[],
    stale: [] as ReceivedActivation[],
    active: undefined as string | null | undefined,
    applied: undefined as ReceivedActivation | undefined,
  };

  const apply = (manifest: ReceivedActivation) => {
    // Each environment numbers its own activations.
    const last = appliedSequence.get(manifest.environment);
    if (last !== undefined && manifest.sequence <= last) gateway.stale.push(manifest);
    else {
      appliedSequence.set(manifest.environment, manifest.sequence);
      gateway.active = manifest.version;
      gateway.applied = manifest;
    }
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/forge/activate') {
        response.writeHead(404).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const manifest = JSON.parse(body) as ReceivedActivation;
      gateway.received.push(manifest);
      gateway.raw.push({ body, signature: request.headers['x-forge-signature'] as string | undefined });
      const behaviour = queue.shift() ?? fallback;
      if (behaviour.kind === 'late') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          apply(manifest);
          if (!response.destroyed) response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        }, behaviour.ms);
        timers.add(timer);
        return;
      }
      if (behaviour.kind === 'fail') {
        response.writeHead(behaviour.status, { 'content-type': 'application/json' }).end('{"error":"refused"}');
        return;
      }
      apply(manifest);
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
