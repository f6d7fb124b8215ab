// The CLI against the API server: one paged LIST + one WATCH per resource through the same
// ClusterCache the dashboard uses — never a relist loop, also under -w.
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterCache } from '@/lib/kube/cluster-cache';
import { startSim } from '@/lib/sim';
import { resolveKubeConfig } from '@/lib/kube/kubeconfig';
import { DEMO_CONTEXT_NAME, demoSimOptions } from '@/lib/kube/registry';
import { RowIndex } from '@/lib/api/row-index';
import { capacityTableFromEnv } from '@/lib/config/capacity-table';
import type { CliOptions } from './options';

export class UnreachableError extends Error {}

const SYNC_TIMEOUT_MS = Number(process.env.PODNODE_SYNC_TIMEOUT_MS ?? 60_000);

export type LiveSource = { index: RowIndex; contextName: string; close: () => Promise<void> };

export async function openLive(opts: CliOptions): Promise<LiveSource> {
  let stopSim = async () => {};
  let cache: ClusterCache;
  if (opts.demo) {
    // The dashboard's demo cluster, started here (the registry's lazy import does not load under
    // the CLI's CommonJS tsx); still for a one-shot listing, churning under -w.
    const sim = await startSim(demoSimOptions(process.env, opts.watch ? 2 : 0));
    stopSim = () => sim.stop();
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    cache = new ClusterCache({ kc, context: { name: DEMO_CONTEXT_NAME, server: sim.url, simulated: true } });
  } else {
    const resolved = resolveKubeConfig({ context: opts.context, kubeconfigPath: opts.kubeconfig });
    if (!resolved) {
      throw new UnreachableError('no kubeconfig found (KUBECONFIG, ~/.kube/config, in-cluster): use --kubeconfig, --server URL or --demo');
    }
    cache = new ClusterCache({ kc: resolved.kc, context: resolved.context });
  }
  cache.start();
  const close = async () => {
    await cache.stop();
    await stopSim();
  };
  try {
    await cache.whenSynced(SYNC_TIMEOUT_MS);
  } catch {
    const status = cache.getStatus();
    await close();
    throw new UnreachableError(
      `cannot reach the API server of context "${cache.context().name}" at ${cache.context().server}: ${status.message ?? `not synced after ${SYNC_TIMEOUT_MS / 1000}s`}`,
    );
  }
  return { index: new RowIndex(cache, capacityTableFromEnv()), contextName: cache.context().name, close };
}
