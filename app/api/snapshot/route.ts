import { viewOf } from '@/lib/api/http';

export const dynamic = 'force-dynamic';

const CHUNK = 1000;

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
    nodes: [...cache.nodes().values()],
  };
  // Copy the references now: the cache keeps changing while the body streams out.
  const pods = [...cache.pods()];
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(JSON.stringify(head).slice(0, -1) + ',"pods":['));
    },
    pull(controller) {
      if (i >= pods.length) {
        controller.enqueue(encoder.encode(']}\n'));
        controller.close();
        return;
      }
      const part = pods.slice(i, i + CHUNK).map((p) => JSON.stringify(p)).join(',');
      controller.enqueue(encoder.encode((i > 0 ? ',' : '') + part));
      i += CHUNK;
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}
