import type { GatewayEntry } from '../../../core/api/gateway';
import { codePlanner, startFakeMarieGateway, type FakeMarieGateway } from '../../support/fakeMarieGateway';
import { describeEachEngine, type TestEngine } from '../../support/engines';
import { startTestGateway, type GatewayBehaviour, type TestGateway } from './testGateway';

/**
 * A gateway of either kind behind one face, so the deploy-engine suites run against webhooks and Marie-AI
 * registries alike. Scripted behaviours apply to activations: each `POST /forge/activate` of a webhook, each
 * planner registration of a Marie gateway.
 */
export interface FakeGateway {
  kind: 'webhook' | 'marie';
  url: string;
  /** The `gateways` entry of an environment that points at it. */
  entry: GatewayEntry;
  /** Whether anything was ever written to it. */
  readonly contacted: boolean;
  /**
   * The version it serves: undefined before anything reached it, null when it holds nothing of Forge's, and for a
   * Marie gateway whose planners carry several versions, `mixed: …`.
   */
  readonly active: string | null | undefined;
  /** The workflow names it serves (a webhook: of the manifest it applied; Marie: Forge's planners), sorted. */
  readonly workflows: string[];
  enqueue(...behaviours: GatewayBehaviour[]): void;
  /**
   * Makes the next write wait `ms` before it takes effect: a webhook's next activation, a Marie gateway's next
   * unregistration (the first write of re-publishing a planner).
   */
  delayNextWrite(ms: number): void;
  setDefault(behaviour: GatewayBehaviour): void;
  clearQueue(): void;
  close(): Promise<void>;
  /** The underlying fake, for what only one kind has. */
  webhook?: TestGateway;
  marie?: FakeMarieGateway;
}

/** A gateway kind the suites run against. */
export interface GatewayKind {
  name: 'webhook' | 'marie';
  start(): Promise<FakeGateway>;
}

/** The code planner every fake Marie gateway of these suites starts with: Forge must never touch it. */
export const codePlannerName = 'builtin-router';

const webhookKind: GatewayKind = {
  name: 'webhook',
  async start() {
    const gateway = await startTestGateway();
    return {
      kind: 'webhook',
      url: gateway.url,
      entry: gateway.url,
      get contacted() {
        return gateway.received.length > 0;
      },
      get active() {
        return gateway.active;
      },
      get workflows() {
        return (gateway.applied?.artifacts ?? [])
          .filter((a) => a.kind === 'workflow')
          .map((a) => a.name)
          .sort();
      },
      enqueue: (...behaviours) => gateway.enqueue(...behaviours),
      delayNextWrite: (ms) => gateway.enqueue({ kind: 'late', ms }),
      setDefault: (behaviour) => gateway.setDefault(behaviour),
      clearQueue: () => gateway.clearQueue(),
      close: () => gateway.close(),
      webhook: gateway,
    };
  },
};

const marieKind: GatewayKind = {
  name: 'marie',
  async start() {
    const gateway = await startFakeMarieGateway({ codePlanners: [codePlanner(codePlannerName)] });
    const forgePlanners = () => [...gateway.planners.values()].filter((p) => p.tags.includes('forge'));
    const contacted = () => gateway.requests.some((r) => r.method === 'POST' || r.method === 'DELETE');
    return {
      kind: 'marie',
      url: gateway.url,
      entry: { type: 'marie', url: gateway.url },
      get contacted() {
        return contacted();
      },
      get active() {
        if (!contacted()) return undefined;
        const versions = [...new Set(forgePlanners().map((p) => p.tags.find((t) => t.startsWith('forge-version:'))?.slice('forge-version:'.length) ?? '?'))].sort();
        return versions.length === 0 ? null : versions.length === 1 ? versions[0] : `mixed: ${versions.join(', ')}`;
      },
      get workflows() {
        return forgePlanners()
          .map((p) => p.name)
          .sort();
      },
      enqueue: (...behaviours) => gateway.enqueue(behaviours),
      delayNextWrite: (ms) => gateway.enqueue([{ kind: 'late', ms }], 'unregister'),
      setDefault: (behaviour) => gateway.setDefault(behaviour),
      clearQueue: () => gateway.clearQueue(),
      close: () => gateway.close(),
      marie: gateway,
    };
  },
};

/** Both kinds. */
export const gatewayKinds: readonly GatewayKind[] = [webhookKind, marieKind];

/** `describe` once per engine and gateway kind, titled `<title> [<engine>, <kind> gateways]`. */
export function describeEachEngineAndGateway(title: string, suite: (this: Mocha.Suite, engine: TestEngine, kind: GatewayKind) => void): void {
  describeEachEngine(title, function (engine) {
    for (const kind of gatewayKinds) {
      describe(`${kind.name} gateways`, function () {
        suite.call(this, engine, kind);
      });
    }
  });
}
