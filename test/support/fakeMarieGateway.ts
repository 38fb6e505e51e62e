import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { GatewayFault } from './gatewayFaults';

/*
 * A stand-in for a Marie-AI gateway's planner registry, written to MARIE-GATEWAY.md §1 to the letter: a real HTTP
 * server that reads `name`, `version`, `description` and `category` from the query string only (the body's copies
 * are ignored, as Marie's code does), answers 422 in FastAPI's shape when `name` is not in the query or the body
 * has no `plan` object, 400 on a duplicate name or a plan it cannot parse, keeps one planner per name with naive
 * timestamps, starts with planners registered from code (which a DELETE removes until the next restart), forgets
 * every HTTP registration when it restarts, and fails, stalls or drops answers on demand.
 */

/** A planner as the registry reports it (`PlannerMetadata`). */
export interface PlannerMetadata {
  planner_id: string;
  name: string;
  description: string | null;
  version: string;
  tags: string[];
  category: string | null;
  source_type: 'code' | 'json' | 'wheel';
  source_module: string | null;
  plan_definition: unknown;
  created_at: string;
  updated_at: string;
}

/** What the registry does with one request of an operation: a fault of any fake gateway, or dropping it undone. */
export type MarieFault = GatewayFault | { kind: 'vanish' };

/** The registry's operations, each with its own queue of faults. */
export type MarieOperation = 'register' | 'unregister' | 'read' | 'list';

/** One request as the gateway received it. */
export interface MarieRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeMarieGateway {
  url: string;
  /** The registry now, by name. */
  planners: Map<string, PlannerMetadata>;
  /** Every request received, in order. */
  requests: MarieRequest[];
  /** Queues the faults of the next requests of `operation` (default: registrations). */
  enqueue(faults: MarieFault[], operation?: MarieOperation): void;
  /** The behaviour of `operation` when nothing is queued (answers at once unless changed). */
  setDefault(fault: MarieFault, operation?: MarieOperation): void;
  clearQueue(): void;
  /** Stops listening: every request is refused (ECONNREFUSED) until `start`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** A restart: down, then up with only its code planners (every HTTP registration is forgotten). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A code-registered planner the gateway starts with, as Marie's own planners are. */
export function codePlanner(
  name: string,
  nodes: unknown[] = [{ task_id: 'start', query_str: 'START', dependencies: [], node_type: 'COMPUTE', definition: { method: 'NOOP', endpoint: 'noop', params: {} } }],
): PlannerMetadata {
  const at = naiveTimestamp();
  return {
    planner_id: name,
    name,
    description: `${name} (registered from code)`,
    version: '1.0.0',
    tags: ['builtin'],
    category: null,
    source_type: 'code',
    source_module: `grapnel_g5.query.planners.${name.replace(/[^A-Za-z0-9]/g, '_')}`,
    plan_definition: { nodes },
    created_at: at,
    updated_at: at,
  };
}

/** Starts a registry on a free local port holding `codePlanners`. */
export async function startFakeMarieGateway(options: { codePlanners?: PlannerMetadata[] } = {}): Promise<FakeMarieGateway> {
  const fromCode = options.codePlanners ?? [];
  const planners = new Map<string, PlannerMetadata>(fromCode.map((p) => [p.name, structuredClone(p)]));
  const requests: MarieRequest[] = [];
  const queues: Record<MarieOperation, MarieFault[]> = { register: [], unregister: [], read: [], list: [] };
  const defaults: Record<MarieOperation, MarieFault> = { register: { kind: 'ok' }, unregister: { kind: 'ok' }, read: { kind: 'ok' }, list: { kind: 'ok' } };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let server: Server | null = null;
  let port = 0;

  const handle = (request: IncomingMessage, response: ServerResponse, raw: string) => {
    const url = new URL(request.url ?? '/', 'http://marie');
    const query = Object.fromEntries(url.searchParams.entries());
    const body = parseJson(raw);
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query, body, authorization: request.headers.authorization });
    const route = routeOf(request.method ?? 'GET', url.pathname);
    if (!route) return send(response, 404, { detail: 'Not Found' });
    if (route.operation === 'status') return send(response, 200, { marie: { version: '4.0.0-fake' }, envs: {} });
    const operation = route.operation;
    const fault = queues[operation].shift() ?? defaults[operation];
    if (fault.kind === 'fail') return send(response, fault.status, failureBody(route, fault.status));
    if (fault.kind === 'vanish') return void request.socket.destroy();
    if (fault.kind === 'late') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const [status, answer] = apply(operation, route.name, query, body);
        if (!response.destroyed) send(response, status, answer);
      }, fault.ms);
      timers.add(timer);
      return;
    }
    const [status, answer] = apply(operation, route.name, query, body);
    if (fault.kind === 'ok') return send(response, status, answer);
    if (fault.kind === 'drop') return void request.socket.destroy();
    if (fault.kind === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) send(response, status, answer);
      }, fault.ms);
      timers.add(timer);
    }
    // 'hang': never answers; stop() and close() destroy the socket.
  };

  const apply = (operation: MarieOperation, name: string | undefined, query: Record<string, string>, body: unknown): [number, unknown] => {
    switch (operation) {
      case 'list': {
        const all = [...planners.values()];
        return [200, { planners: all, total: all.length }];
      }
      case 'read': {
        const planner = planners.get(name!);
        return planner ? [200, planner] : [404, { error: `Planner with ID '${name}' not found` }];
      }
      case 'unregister': {
        if (!planners.delete(name!)) return [404, { success: false, error: `Planner with ID '${name}' not found` }];
        return [200, { success: true, message: 'Planner unregistered successfully' }];
      }
      case 'register':
        return register(query, body);
    }
  };

  const register = (query: Record<string, string>, body: unknown): [number, unknown] => {
    const missing: unknown[] = [];
    if (query.name === undefined) missing.push({ type: 'missing', loc: ['query', 'name'], msg: 'Field required', input: null });
    const plan = isObject(body) ? body.plan : undefined;
    if (!isObject(plan)) missing.push({ type: 'missing', loc: ['body', 'plan'], msg: 'Field required', input: null });
    if (missing.length > 0) return [422, { detail: missing }];
    const name = query.name!;
    const failed: [number, unknown] = [400, { success: false, error: `Failed to register planner '${name}'` }];
    if (planners.has(name) || !/^[A-Za-z0-9._-]+$/.test(name) || !parsesAsPlan(plan as Record<string, unknown>)) return failed;
    const tags = isObject(body) && Array.isArray(body.tags) ? body.tags.filter((tag): tag is string => typeof tag === 'string') : [];
    const at = naiveTimestamp();
    const planner: PlannerMetadata = {
      planner_id: name,
      name,
      description: query.description ?? null,
      version: query.version ?? '1.0.0',
      tags,
      category: query.category ?? null,
      source_type: 'json',
      source_module: null,
      plan_definition: plan,
      created_at: at,
      updated_at: at,
    };
    planners.set(name, planner);
    return [201, { success: true, message: `Planner '${name}' registered successfully`, planner }];
  };

  const listen = async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((ready, fail) => {
      server!.once('error', fail);
      server!.listen(port, '127.0.0.1', () => ready());
    });
    port = (server.address() as AddressInfo).port;
  };

  const stop = async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const closing = server;
    server = null;
    if (!closing) return;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((done) => closing.close(() => done()));
  };

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    planners,
    requests,
    enqueue: (faults, operation = 'register') => void queues[operation].push(...faults),
    setDefault: (fault, operation = 'register') => void (defaults[operation] = fault),
    clearQueue: () => Object.values(queues).forEach((queue) => queue.splice(0)),
    stop,
    start: listen,
    async restart() {
      await stop();
      planners.clear();
      for (const planner of fromCode) planners.set(planner.name, structuredClone(planner));
      await listen();
    },
    close: stop,
  };
}

interface Route {
  operation: MarieOperation | 'status';
  name?: string;
}

function routeOf(method: string, path: string): Route | null {
  if (path === '/status' && method === 'GET') return { operation: 'status' };
  if (path === '/api/planners') return method === 'GET' ? { operation: 'list' } : method === 'POST' ? { operation: 'register' } : null;
  const one = /^\/api\/planners\/([^/]+)$/.exec(path);
  if (!one) return null;
  const name = decodeURIComponent(one[1]!);
  return method === 'GET' ? { operation: 'read', name } : method === 'DELETE' ? { operation: 'unregister', name } : null;
}

/** What Marie answers for a failure of each route: its planner routes' `{success, error}`, or the generic handler's. */
function failureBody(route: Route, status: number): unknown {
  if (status >= 500) return { status: 'error', message: 'Internal server error', detail: 'injected failure' };
  if (route.operation === 'register') return { success: false, error: 'Failed to register planner' };
  return { status: 'error', message: `injected ${status}` };
}

/** What Marie's pydantic models need to parse a plan: nodes with a task id and a definition naming its method. */
function parsesAsPlan(plan: Record<string, unknown>): boolean {
  return (
    Array.isArray(plan.nodes) &&
    plan.nodes.every((node) => isObject(node) && typeof node.task_id === 'string' && isObject(node.definition) && typeof node.definition.method === 'string')
  );
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A naive ISO timestamp with microseconds and no zone, as Marie writes `created_at`. */
function naiveTimestamp(): string {
  return `${new Date().toISOString().slice(0, 23)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
}
