import { json } from '@/lib/api/http';
import { resolveView } from '@/lib/api/view';

export const dynamic = 'force-dynamic';

/** 200 only once the cache has listed pods and nodes: readiness, so a Service never routes to an empty view. */
export async function GET(request: Request): Promise<Response> {
  const resolved = await resolveView(new URLSearchParams(), { headers: request.headers });
  if (!resolved.ok) return json({ ready: false, error: resolved.failure.body.error }, { status: 503 });
  const status = resolved.view.index.cache.getStatus();
  const ready = status.lastSyncAt !== null;
  return json({ ready, status }, { status: ready ? 200 : 503 });
}
