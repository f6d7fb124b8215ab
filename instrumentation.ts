// Runs once when the server boots: start watching the cluster before the first request, so the
// first page view finds a warm cache instead of waiting for a LIST.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getRowIndex } = await import('@/lib/rows/source');
  const healthPort = Number(process.env.PODNODE_HEALTH_PORT ?? '');
  if (Number.isInteger(healthPort) && healthPort > 0) {
    const { startHealthPort } = await import('@/lib/api/health-port');
    startHealthPort(healthPort, process.env.PODNODE_HEALTH_HOST || '0.0.0.0').on('error', (err) =>
      console.error(`podnode: health port ${healthPort}: ${err.message}`),
    );
    console.log(`podnode: liveness and readiness on :${healthPort} (/healthz, /readyz)`);
  }
  try {
    const index = getRowIndex();
    const ctx = index.cache.context();
    console.log(
      ctx.simulated
        ? 'podnode: no kubeconfig found — starting the built-in SIMULATED demo cluster'
        : `podnode: watching context "${ctx.name}" at ${ctx.server}`,
    );
    index.cache.whenSynced(120_000).then(
      () => console.log(`podnode: synced ${index.cache.podCount} pods on ${index.cache.nodes().size} nodes from ${ctx.server}${ctx.simulated ? ' (simulated)' : ''}`),
      () => console.error(`podnode: not synced yet: ${index.cache.getStatus().message ?? 'no answer'} (still retrying)`),
    );
  } catch (err) {
    console.error('podnode: could not start the cluster cache:', err instanceof Error ? err.message : err);
  }
}
