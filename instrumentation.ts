// Runs once when the server boots: start watching the cluster before the first request, so the
// first page view finds a warm cache instead of waiting for a LIST.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getRowIndex } = await import('@/lib/api/source');
  try {
    const index = getRowIndex();
    const ctx = index.cache.context();
    console.log(
      ctx.simulated
        ? `podnode: no kubeconfig found — serving the built-in SIMULATED demo cluster (${ctx.server})`
        : `podnode: watching context "${ctx.name}" at ${ctx.server}`,
    );
  } catch (err) {
    console.error('podnode: could not start the cluster cache:', err instanceof Error ? err.message : err);
  }
}
