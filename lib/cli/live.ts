// The CLI against the API server: one paged LIST + one WATCH per resource through the same
// ClusterCache and RowIndex the dashboard uses (opened where the dashboard opens them) — never a
// relist loop, also under -w.
import { KubeConfigError } from '@/lib/kube/kubeconfig';
import { stopClusterCaches } from '@/lib/kube/registry';
import { getRowIndex, whenFirstSynced } from '@/lib/rows/source';
import type { RowIndex } from '@/lib/rows/row-index';
import type { CliOptions } from './options';

export class UnreachableError extends Error {}

const SYNC_TIMEOUT_MS = Number(process.env.PODNODE_SYNC_TIMEOUT_MS ?? 60_000);

export type LiveSource = { index: RowIndex; contextName: string; close: () => Promise<void> };

export async function openLive(opts: CliOptions): Promise<LiveSource> {
  let index: RowIndex;
  try {
    // The demo only when asked for: a user without a kubeconfig should hear so, not get fake rows.
    // Still for a one-shot listing, churning under -w.
    index = getRowIndex(opts.context, { kubeconfigPath: opts.kubeconfig, demo: opts.demo ? 'only' : 'never', demoChurn: opts.watch ? 2 : 0 });
  } catch (err) {
    if (err instanceof KubeConfigError && /^no kubeconfig/.test(err.message)) {
      throw new UnreachableError(`${err.message}: use --kubeconfig, --server URL or --demo`);
    }
    throw err;
  }
  const { cache } = index;
  const close = () => stopClusterCaches();
  if (!(await whenFirstSynced(index, SYNC_TIMEOUT_MS))) {
    const status = cache.getStatus();
    await close();
    throw new UnreachableError(
      `cannot reach the API server of context "${cache.context().name}" at ${cache.context().server}: ${status.message ?? `not synced after ${SYNC_TIMEOUT_MS / 1000}s`}`,
    );
  }
  return { index, contextName: cache.context().name, close };
}
