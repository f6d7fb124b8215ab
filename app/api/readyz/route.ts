import { json } from '@/lib/api/http';
import { getRowIndex } from '@/lib/api/source';

export const dynamic = 'force-dynamic';

/** 200 only once the cache has listed pods and nodes: readiness, so a Service never routes to an empty view. */
export async function GET(): Promise<Response> {
  const status = getRowIndex().cache.getStatus();
  const ready = status.lastSyncAt !== null;
  return json({ ready, status }, { status: ready ? 200 : 503 });
}
