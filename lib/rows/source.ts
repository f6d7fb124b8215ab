// The one RowIndex per cluster context per process, next to the one ClusterCache it reads, and
// the one place that decides where a cluster comes from (a kubeconfig, or the demo). The
// dashboard and the CLI both open their rows here. Kept on globalThis: under Turbopack, route
// handlers and pages each get their own copy of a module, so a module-level Map would build one
// index (and one watch) per route. No 'server-only': the CLI runs this under plain Node.
import { getClusterCache, stopClusterCache, DEMO_CONTEXT_NAME } from '@/lib/kube/registry';
import type { Env } from '@/lib/kube/kubeconfig';
import { demoSource } from '@/lib/demo';
import { capacityTableFromEnv } from '@/lib/config/capacity-table';
import { RowIndex } from './row-index';
import { positiveInt } from '@/lib/config/env';

type Source = { index: RowIndex; lastUsed: number };
type Sources = {
  byContext: Map<string, Source>;
  defaultContext: string | null;
  idleMs: number;
  sweeper: { timer: ReturnType<typeof setInterval>; everyMs: number } | null;
};
const g = globalThis as typeof globalThis & { __podnodeRowIndexes?: Sources };

export type RowSourceOptions = {
  /** 'auto': the demo when no kubeconfig exists (the dashboard); 'only': the demo whatever exists
   *  (`--demo`); 'never': a missing kubeconfig is an error (the CLI without `--demo`) */
  demo?: 'auto' | 'only' | 'never';
  /** demo churn in events/s unless PODNODE_DEMO_CHURN says otherwise */
  demoChurn?: number;
  kubeconfigPath?: string;
  env?: Env;
  /** pods of these namespaces only (see GetClusterCacheOptions.namespaces) */
  namespaces?: readonly string[];
};

/** How long a request waits for a cache that is still listing before answering with what it has. */
const FIRST_SYNC_WAIT_MS = 10_000;

/**
 * Throws KubeConfigError for an unknown context name or an unreadable kubeconfig, and
 * TooManyContextsError when PODNODE_MAX_CONTEXTS contexts are already watched, each with viewers.
 * A context other than the default one is stopped after PODNODE_CONTEXT_IDLE_MS without a viewer
 * or a request, so a caller cannot leave watches (and exec plugins) running.
 */
export function getRowIndex(contextName?: string, opts: RowSourceOptions = {}): RowIndex {
  const env = opts.env ?? process.env;
  const mode = opts.demo ?? 'auto';
  const sources = (g.__podnodeRowIndexes ??= { byContext: new Map(), defaultContext: null, idleMs: 0, sweeper: null });
  const cache = getClusterCache(mode === 'only' ? DEMO_CONTEXT_NAME : contextName, {
    env,
    kubeconfigPath: opts.kubeconfigPath,
    namespaces: opts.namespaces,
    demo: mode === 'never' ? undefined : demoSource(env, opts.demoChurn),
    demoWithKubeconfig: mode === 'only',
    maxCaches: positiveInt(env.PODNODE_MAX_CONTEXTS, 4),
    evictable: (name) => name !== sources.defaultContext && (sources.byContext.get(name)?.index.viewers ?? 0) === 0,
  });
  const key = cache.context().name;
  if (contextName === undefined) sources.defaultContext = key;
  let source = sources.byContext.get(key);
  if (!source || source.index.cache !== cache) {
    source = { index: new RowIndex(cache, capacityTableFromEnv(env)), lastUsed: Date.now() };
    sources.byContext.set(key, source);
  }
  source.lastUsed = Date.now();
  sweepIdle(sources, positiveInt(env.PODNODE_CONTEXT_IDLE_MS, 10 * 60_000));
  return source.index;
}

/** Stops contexts (not the default one) that had no viewer and no request for `idleMs`: arms (or,
 *  when the setting changed, re-arms) the one timer that does it; requests only touch `lastUsed`. */
function sweepIdle(sources: Sources, idleMs: number): void {
  sources.idleMs = idleMs;
  const everyMs = Math.min(60_000, Math.max(500, idleMs / 2));
  if (sources.sweeper?.everyMs === everyMs) return;
  const sweep = () => {
    const now = Date.now();
    for (const [name, s] of sources.byContext) {
      if (s.index.viewers > 0) s.lastUsed = now;
      else if (name !== sources.defaultContext && now - s.lastUsed >= sources.idleMs) {
        sources.byContext.delete(name);
        void stopClusterCache(name);
      }
    }
  };
  if (sources.sweeper) clearInterval(sources.sweeper.timer);
  const timer = setInterval(sweep, everyMs);
  timer.unref?.();
  sources.sweeper = { timer, everyMs };
}

/** Waits up to `timeoutMs` for the first complete LIST; true when the rows hold it. */
export function whenFirstSynced(index: RowIndex, timeoutMs = FIRST_SYNC_WAIT_MS): Promise<boolean> {
  return index.cache.whenSynced(timeoutMs).then(
    () => {
      index.cache.flushChanges(); // the listed objects reach the index now, not a batch window later
      return true;
    },
    () => false,
  );
}
