// One ClusterCache per context per process. Kept on globalThis because under Turbopack route
// handlers, server components and instrumentation.ts each get their own copy of a module, so
// a module-level Map would open one watch per route (see docs/architecture.md). No 'server-only'
// here: the CLI imports this under plain Node; Next.js code imports ./server instead.
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterCache, type ClusterCacheOptions } from './cluster-cache';
import { KubeConfigError, UnknownContextError, resolveKubeConfig, type KubeConfigOptions } from './kubeconfig';

export const DEMO_CONTEXT_NAME = 'podnode-sim (demo)';

type Registry = {
  /** resolved context name → its cache */
  caches: Map<string, ClusterCache>;
  /** what callers asked for ('' = default) → resolved context name, so files are read once */
  aliases: Map<string, string>;
  demo: Promise<DemoCluster> | null;
};

/** A cluster started on demand when there is no kubeconfig: the simulator, injected from above
 *  (lib/demo), so this layer never depends on it. */
type DemoCluster = { url: string; kubeconfig: string; stop: () => Promise<void> };
export type DemoSource = () => Promise<DemoCluster>;

const g = globalThis as typeof globalThis & { __podnode?: Registry };

function registry(): Registry {
  return (g.__podnode ??= { caches: new Map(), aliases: new Map(), demo: null });
}

export type GetClusterCacheOptions = Omit<KubeConfigOptions, 'context'> &
  Pick<ClusterCacheOptions, 'pageLimit' | 'watchdogMs' | 'batchWindowMs'> & {
    /** serves DEMO_CONTEXT_NAME, and the default context when there is no kubeconfig; without it
     *  a missing kubeconfig is a KubeConfigError */
    demo?: DemoSource;
    /** serve DEMO_CONTEXT_NAME even when a kubeconfig exists (the CLI's explicit --demo) */
    demoWithKubeconfig?: boolean;
    /** list and watch pods in these namespaces only, instead of PODNODE_NAMESPACES (the CLI's -n):
     *  applies when the context's cache is created */
    namespaces?: readonly string[];
    /** at most this many live caches; a new context beyond it first evicts one `evictable` says
     *  may go, else throws TooManyContextsError */
    maxCaches?: number;
    evictable?: (name: string) => boolean;
  };

/** A new context would exceed the configured number of live caches. */
export class TooManyContextsError extends Error {
  override name = 'TooManyContextsError';
}

/**
 * The shared, started cache for a context (default: PODNODE_CONTEXT, else the kubeconfig's
 * current context; the injected demo cluster when there is no kubeconfig at all). Synchronous so
 * every route can call it per request; await `whenSynced()` for data. Throws KubeConfigError
 * for an unknown context name, listing the available ones.
 */
export function getClusterCache(contextName?: string, opts: GetClusterCacheOptions = {}): ClusterCache {
  const reg = registry();
  const asked = contextName ?? '';
  const known = reg.aliases.get(asked);
  const hit = known !== undefined ? reg.caches.get(known) : undefined;
  if (hit) return hit;

  // Only the exact demo name: 'podnode-sim' is the simulator's own kubeconfig context, which
  // a test or bench reaches like any real cluster. The demo is a stand-in for a missing
  // kubeconfig: where one exists, asking for the demo by name is asking for a context it lacks.
  const wantsDemo = contextName === DEMO_CONTEXT_NAME;
  if (wantsDemo && !opts.demoWithKubeconfig && resolveKubeConfig({ ...opts, context: undefined }) !== null) {
    throw new UnknownContextError(`context "${contextName}" not found: the demo runs only when there is no kubeconfig`);
  }
  const resolved = wantsDemo ? null : resolveKubeConfig({ ...opts, context: contextName });
  if (!resolved && contextName !== undefined && !wantsDemo) {
    throw new UnknownContextError(`context "${contextName}" not found: no kubeconfig${opts.demo ? ` (available: ${DEMO_CONTEXT_NAME})` : ''}`);
  }
  if (!resolved && !opts.demo) {
    throw new KubeConfigError('no kubeconfig found (KUBECONFIG, ~/.kube/config, in-cluster service account)');
  }
  const name = resolved ? resolved.context.name : DEMO_CONTEXT_NAME;
  let cache = reg.caches.get(name);
  if (!cache) {
    if (opts.maxCaches !== undefined && reg.caches.size >= opts.maxCaches) evictOne(reg, opts.maxCaches, opts.evictable);
    const env = opts.env ?? process.env;
    const namespaces = opts.namespaces?.length ? [...opts.namespaces] : (env.PODNODE_NAMESPACES ?? '').split(',').map((n) => n.trim()).filter(Boolean);
    const cap = Number(env.PODNODE_EVENT_CAP);
    const eventCap = Number.isInteger(cap) && cap > 0 ? cap : undefined;
    const tuning = { pageLimit: opts.pageLimit, watchdogMs: opts.watchdogMs, batchWindowMs: opts.batchWindowMs, namespaces, eventCap };
    cache = resolved
      ? new ClusterCache({ ...tuning, kc: resolved.kc, context: resolved.context })
      : demoCache(reg, opts.demo!, tuning);
    reg.caches.set(name, cache.start());
  }
  reg.aliases.set(asked, name);
  return cache;
}

function evictOne(reg: Registry, max: number, evictable: ((name: string) => boolean) | undefined): void {
  const victim = [...reg.caches.keys()].find((name) => evictable?.(name) ?? false);
  if (victim === undefined) {
    throw new TooManyContextsError(`already watching ${max} contexts, each with viewers: try again when one is idle`);
  }
  void stopClusterCache(victim);
}

/** Stops one context's cache and forgets it; the next request for it starts a fresh one. */
export async function stopClusterCache(name: string): Promise<void> {
  const reg = registry();
  const cache = reg.caches.get(name);
  if (!cache) return;
  reg.caches.delete(name);
  for (const [asked, resolved] of reg.aliases) if (resolved === name) reg.aliases.delete(asked);
  await cache.stop();
}

/** Stops every cache (and the demo simulator) and forgets them: for tests and shutdown. */
export async function stopClusterCaches(): Promise<void> {
  const reg = registry();
  const caches = [...reg.caches.values()];
  const demo = reg.demo;
  reg.caches.clear();
  reg.aliases.clear();
  reg.demo = null;
  await Promise.allSettled(caches.map((c) => c.stop()));
  if (demo) await demo.then((d) => d.stop()).catch(() => {});
}

function demoCache(reg: Registry, source: DemoSource, tuning: Partial<ClusterCacheOptions>): ClusterCache {
  const context = { name: DEMO_CONTEXT_NAME, server: '', simulated: true };
  reg.demo ??= source();
  const kc = reg.demo.then((demo) => {
    context.server = demo.url; // known only once the ephemeral port is bound
    const kc = new KubeConfig();
    kc.loadFromString(demo.kubeconfig);
    return kc;
  });
  // The demo is served over HTTP and reached through the same client code as any cluster, so it
  // exercises exactly what a real cluster would.
  return new ClusterCache({ ...tuning, kc, context });
}
