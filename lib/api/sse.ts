// /api/podnodes/stream: Server-Sent Events. A `snapshot` of the matching rows, then `patch`es
// (batched upserts and deletes, filtered here so each viewer only gets its own slice), `status` on
// every cache status change, `facets` at most every FACETS_EVERY_MS, and a comment heartbeat so
// port-forward and proxies keep the stream open (sse-stream.ts). Every viewer shares the one cache:
// no API calls here.
import 'server-only';
import type { PodNodeRow } from '@/lib/podnode/types';
import type { View } from '@/lib/api/view';
import { toWireRow } from '@/lib/rows/select';
import { streamSnapshotOf } from '@/lib/rows/snapshot';
import { facetsFor } from '@/lib/rows/facets-memo';
import { sseResponse } from '@/lib/api/sse-stream';

const PATCH_EVERY_MS = 250;
const FACETS_EVERY_MS = 2_000;

export function streamPodNodes(request: Request, { query, index, params }: View): Response {
  return sseResponse(request, ({ send }) => {
    const sent = new Set<string>();
    const pendingUpserts = new Map<string, PodNodeRow>();
    const pendingDeletes = new Set<string>();
    let patchTimer: ReturnType<typeof setTimeout> | undefined;

    // pack=1: the snapshot's rows in the compact form (the page asks for it; curl gets objects)
    const { message, selection, cells } = streamSnapshotOf(index, query, params.get('pack') === '1');
    const { compiled } = selection;
    for (const row of selection.rows) sent.add(row.uid);
    let facetsVersion = index.version;
    send('snapshot', message);

    const flush = () => {
      patchTimer = undefined;
      const upserts = [];
      const deletes: string[] = [];
      for (const uid of pendingDeletes) if (sent.delete(uid)) deletes.push(uid);
      for (const row of pendingUpserts.values()) {
        if (compiled.matches(row)) {
          sent.add(row.uid);
          upserts.push(toWireRow(row, cells));
        } else if (sent.delete(row.uid)) deletes.push(row.uid);
      }
      pendingUpserts.clear();
      pendingDeletes.clear();
      if (upserts.length > 0 || deletes.length > 0) send('patch', { upserts, deletes, total: index.size, matched: sent.size, nodes: index.cache.nodes().size });
    };

    const unsubscribe = index.subscribe((batch) => {
      for (const uid of batch.deletes) {
        pendingUpserts.delete(uid);
        pendingDeletes.add(uid);
      }
      for (const row of batch.upserts) {
        pendingDeletes.delete(row.uid);
        pendingUpserts.set(row.uid, row);
      }
      if (batch.status) send('status', batch.status);
      if ((pendingUpserts.size > 0 || pendingDeletes.size > 0) && !patchTimer) patchTimer = setTimeout(flush, PATCH_EVERY_MS);
    });
    const facets = setInterval(() => {
      if (index.version === facetsVersion) return;
      facetsVersion = index.version;
      send('facets', facetsFor(index, query));
    }, FACETS_EVERY_MS);
    return () => {
      unsubscribe();
      clearTimeout(patchTimer);
      clearInterval(facets);
    };
  });
}
