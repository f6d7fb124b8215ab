// The one RowIndex per cluster context per process, next to the one ClusterCache it reads, and
// the one place that decides where a cluster comes from (a kubeconfig, or the demo). The
// dashboard and the CLI both open their rows here. Kept on globalThis: under Turbopack, route
// handlers and pages each get their own copy of a module, so a module-level Map would build one
// index (and one watch) per route. No 'server-only': the CLI runs this under plain Node.
import { getClusterCache, DEMO_CONTEXT_NAME } from '@/lib/kube/registry';
import type { Env } from '@/lib/kube/kubeconfig';
import { demoSource } from '@/lib/demo';
import { capacityTableFromEnv } from '@/lib/config/capacity-table';
import { RowIndex } from './row-index';

type Sources = Map<string, RowIndex>;
const g = globalThis as typeof globalThis & { __podnodeRowIndexes?: Sources };

export type RowSourceOptions = {
  /** 'auto': the demo when no kubeconfig exists (the dashboard); 'only': the demo whatever exists
   *  (`--demo`); 'never': a missing kubeconfig is an error (the CLI without `--demo`) */
  demo?: 'auto' | 'only' | 'never';
  /** demo churn in events/s unless PODNODE_DEMO_CHURN says otherwise */
  demoChurn?: number;
  kubeconfigPath?: string;
  env?: Env;
};

/** How long a request waits for a cache that is still listing before answering with what it has. */
const FIRST_SYNC_WAIT_MS = 10_000;

/** Throws KubeConfigError for an unknown context name or an unreadable kubeconfig. */
export function getRowIndex(contextName?: string, opts: RowSourceOptions = {}): RowIndex {
  const env = opts.env ?? process.env;
  const mode = opts.demo ?? 'auto';
  const cache = getClusterCache(mode === 'only' ? DEMO_CONTEXT_NAME : contextName, {
    env,
    kubeconfigPath: opts.kubeconfigPath,
    demo: mode === 'never' ? undefined : demoSource(env, opts.demoChurn),
  });
  const key = cache.context().name;
  const sources = (g.__podnodeRowIndexes ??= new Map());
  let index = sources.get(key);
  if (!index || index.cache !== cache) {
    index = new RowIndex(cache, capacityTableFromEnv(env));
    sources.set(key, index);
  }
  return index;
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
