import { json } from '@/lib/api/http';
import { getRowIndex } from '@/lib/api/source';

export const dynamic = 'force-dynamic';

/** Always 200 while the process serves: liveness. The body says how the cluster cache is doing. */
export async function GET(): Promise<Response> {
  try {
    const index = getRowIndex();
    return json({ ok: true, status: index.cache.getStatus(), context: index.cache.context(), pods: index.size, nodes: index.cache.nodes().size });
  } catch (err) {
    return json({ ok: true, status: { state: 'stale', lastSyncAt: null, message: err instanceof Error ? err.message : String(err) } });
  }
}
