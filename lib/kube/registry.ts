// One ClusterCache per context per process. Kept on globalThis because under Turbopack route
// handlers, server components and instrumentation.ts each get their own copy of a module, so
// a module-level Map would open one watch per route (brief §7). No 'server-only' here: the CLI
// imports this under plain Node; Next.js code imports ./server instead.
import { KubeConfig } from '@kubernetes/client-node';
import type { SimHandle, SimOptions } from '@/lib/sim/types';
import { ClusterCache, type ClusterCacheOptions } from './cluster-cache';
import { KubeConfigError, resolveKubeConfig, type Env, type KubeConfigOptions } from './kubeconfig';

export const DEMO_CONTEXT_NAME = 'podnode-sim (demo)';

type Registry = {
  /** resolved context name → its cache */
  caches: Map<string, ClusterCache>;
  /** what callers asked for ('' = default) → resolved context name, so files are read once */
  aliases: Map<string, string>;
  sim: Promise<SimHandle> | null;
};

const g = globalThis as typeof globalThis & { __podnode?: Registry };

function registry(): Registry {
  return (g.__podnode ??= { caches: new Map(), aliases: new Map(), sim: null });
}

export type GetClusterCacheOptions = Omit<KubeConfigOptions, 'context'> &
  Pick<ClusterCacheOptions, 'pageLimit' | 'watchdogMs' | 'batchWindowMs'>;

/**
 * The shared, started cache for a context (default: PODNODE_CONTEXT, else the kubeconfig's
 * current context; the simulated demo when there is no kubeconfig at all). Synchronous so
 * every route can call it per request; await `whenSynced()` for data. Throws KubeConfigError
 * for an unknown context name, listing the available ones.
 */
export function getClusterCache(contextName?: string, opts: GetClusterCacheOptions = {}): ClusterCache {
  const reg = registry();
  const asked = contextName ?? '';
  const known = reg.aliases.get(asked);
  const hit = known !== undefined ? reg.caches.get(known) : undefined;
  if (hit) return hit;

  const env = opts.env ?? process.env;
  // Only the exact demo name: 'podnode-sim' is the simulator's own kubeconfig context, which
  // a test or bench reaches like any real cluster.
  const wantsDemo = contextName === DEMO_CONTEXT_NAME;
  const resolved = wantsDemo ? null : resolveKubeConfig({ ...opts, context: contextName });
  if (!resolved && contextName !== undefined && !wantsDemo) {
    throw new KubeConfigError(`context "${contextName}" not found: no kubeconfig (available: ${DEMO_CONTEXT_NAME})`);
  }
  const name = resolved ? resolved.context.name : DEMO_CONTEXT_NAME;
  let cache = reg.caches.get(name);
  if (!cache) {
    const tuning = { pageLimit: opts.pageLimit, watchdogMs: opts.watchdogMs, batchWindowMs: opts.batchWindowMs };
    cache = resolved
      ? new ClusterCache({ ...tuning, kc: resolved.kc, context: resolved.context })
      : demoCache(reg, env, tuning);
    reg.caches.set(name, cache.start());
  }
  reg.aliases.set(asked, name);
  return cache;
}

/** Stops every cache (and the demo simulator) and forgets them: for tests and shutdown. */
export async function stopClusterCaches(): Promise<void> {
  const reg = registry();
  const caches = [...reg.caches.values()];
  const sim = reg.sim;
  reg.caches.clear();
  reg.aliases.clear();
  reg.sim = null;
  await Promise.allSettled(caches.map((c) => c.stop()));
  if (sim) await sim.then((s) => s.stop()).catch(() => {});
}

function demoCache(reg: Registry, env: Env, tuning: Partial<ClusterCacheOptions>): ClusterCache {
  const context = { name: DEMO_CONTEXT_NAME, server: '', simulated: true };
  reg.sim ??= startDemoSim(env);
  const kc = reg.sim.then((sim) => {
    context.server = sim.url; // known only once the ephemeral port is bound
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    return kc;
  });
  // The simulator is served over HTTP and reached through the same client code as any cluster,
  // so the demo exercises exactly what a real cluster would.
  return new ClusterCache({ ...tuning, kc, context });
}

async function startDemoSim(env: Env): Promise<SimHandle> {
  const { startSim } = await import('@/lib/sim');
  return startSim(demoSimOptions(env));
}

/** The demo cluster: sized by env, every capacity-type variant, and kk's namespaces. */
export function demoSimOptions(env: Env, churnDefault = 2): SimOptions {
  return {
    port: int(env.PODNODE_SIM_PORT, 0),
    nodes: int(env.PODNODE_DEMO_NODES, 60),
    pods: int(env.PODNODE_DEMO_PODS, 1500),
    profile: 'mixed',
    churn: int(env.PODNODE_DEMO_CHURN, churnDefault),
    namespaces: ['streamtech', 'content', 'commerce'],
  };
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}
