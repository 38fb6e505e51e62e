import { redactCredentials } from '../../git/gitErrors';
import { syncMirror } from '../../git/mirror';
import { syncVersionTags, type SyncOutcome } from '../../git/versionRegistration';
import type { ServiceDeps } from '../serviceDeps';
import { storeVersionRegistry } from './storeVersionRegistry';

/** The repository the service watches for version tags (`forge-release serve --repo`). */
export interface RepositoryWatchOptions {
  /** A local path or a URL the service can fetch from. */
  source: string;
  /** Where the service keeps its bare clone. */
  mirrorDir: string;
  /** Milliseconds between fetches; 0 fetches only on start and on the webhook. */
  pollIntervalMs: number;
  /** The shared secret of `POST /api/hooks/git`; without it the webhook refuses every call. */
  webhookSecret: string | undefined;
}

/** What set a sync off, for the logs. */
export type SyncTrigger = 'start' | 'poll' | 'webhook';

/** Keeps a clone of the watched repository and registers each new version tag once. */
export interface RepositoryWatcher {
  readonly webhookSecret: string | undefined;
  /**
   * Fetches, then registers the tags not registered yet. A call made while a sync runs waits for the next one
   * (which fetches again, so a push announced meanwhile is seen); calls made while that one waits share it.
   */
  sync(trigger: SyncTrigger): Promise<SyncOutcome>;
  /** Starts a sync without waiting for it (its failure is logged); shutdown waits for it. */
  syncInBackground(trigger: SyncTrigger): void;
  /** Syncs once now and then on the poll interval. */
  start(): void;
  /** Stops polling and waits for a running sync to finish. */
  stop(): Promise<void>;
}

/** Creates the watcher; nothing is fetched before `start()` or `sync()`. */
export function createRepositoryWatcher(deps: ServiceDeps, options: RepositoryWatchOptions): RepositoryWatcher {
  const registry = storeVersionRegistry(deps);
  const source = redactCredentials(options.source);
  let tail: Promise<unknown> = Promise.resolve();
  let queued: Promise<SyncOutcome> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const syncOnce = async (trigger: SyncTrigger): Promise<SyncOutcome> => {
    const mirror = await syncMirror({ source: options.source, dir: options.mirrorDir });
    const outcome = await syncVersionTags(mirror.path, registry);
    const registered = outcome.registered.map(({ tag, created, changeSetId, pullRequests }) => ({ tag, created, changeSetId, pullRequests }));
    if (registered.length > 0) deps.logger.info({ source, trigger, registered }, 'registered version tags');
    else deps.logger.debug({ source, trigger }, 'no new version tags');
    if (outcome.conflicts.length > 0) deps.logger.warn({ source, trigger, conflicts: outcome.conflicts }, 'version tags moved since their versions were registered');
    return outcome;
  };

  const sync = (trigger: SyncTrigger): Promise<SyncOutcome> => {
    if (queued) return queued;
    const next = tail.then(() => {
      queued = null;
      return syncOnce(trigger);
    });
    queued = next;
    tail = next.catch(() => undefined);
    return next;
  };

  const syncInBackground = (trigger: SyncTrigger) =>
    deps.tasks.run(() => sync(trigger).catch((err: unknown) => deps.logger.error({ err, source, trigger }, 'repository sync failed')));

  return {
    webhookSecret: options.webhookSecret,
    sync,
    syncInBackground,
    start() {
      syncInBackground('start');
      if (options.pollIntervalMs > 0) timer = setInterval(() => syncInBackground('poll'), options.pollIntervalMs);
    },
    async stop() {
      clearInterval(timer);
      await tail;
    },
  };
}
