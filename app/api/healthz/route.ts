import { json } from '@/lib/api/http';
import { resolveView } from '@/lib/api/view';

export const dynamic = 'force-dynamic';

/** Always 200 while the process serves: liveness. The body says how the cluster cache is doing. */
export async function GET(request: Request): Promise<Response> {
  const resolved = await resolveView(new URLSearchParams(), { headers: request.headers });
  if (!resolved.ok) return json({ ok: true, status: { state: 'stale', lastSyncAt: null, message: resolved.failure.body.error } });
  const { index } = resolved.view;
  return json({ ok: true, status: index.cache.getStatus(), context: index.cache.context(), pods: index.size, nodes: index.cache.nodes().size, lastFullJoin: index.lastFullJoin });
}
