import { viewOf } from '@/lib/api/http';
import { streamJsonWithArray } from '@/lib/api/json-stream';

export const dynamic = 'force-dynamic';

/** The whole stripped cache as one JSON document: what `kubectl podnode --offline` reads.
 *  Streamed in chunks, so 150,000 pods never become one giant string in the server's memory. */
export async function GET(request: Request): Promise<Response> {
  const view = await viewOf(request, { waitForSync: true });
  if (view instanceof Response) return view;
  const cache = view.index.cache;
  const head = {
    kind: 'PodNodeSnapshot',
    apiVersion: 'podnode.dev/v1',
    context: cache.context(),
    status: cache.getStatus(),
    takenAt: new Date().toISOString(),
    // a namespaced dashboard's pods are those namespaces' only: --offline must know
    ...(cache.namespaces() ? { namespaces: cache.namespaces() } : {}),
    nodes: [...cache.nodes().values()],
  };
  // Copy the references now: the cache keeps changing while the body streams out.
  return streamJsonWithArray(head, 'pods', [...cache.pods()], {});
}
