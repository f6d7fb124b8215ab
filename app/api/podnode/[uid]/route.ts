import { json, viewOf } from '@/lib/api/http';
import { summarizeNode } from '@/lib/podnode';
import type { PodDetail } from '@/lib/rows/wire';

export const dynamic = 'force-dynamic';

/** One row with its pod and node objects, how full its node is, and its events: the detail drawer's data. */
export async function GET(request: Request, ctx: { params: Promise<{ uid: string }> }): Promise<Response> {
  const { uid } = await ctx.params;
  const view = await viewOf(request, { waitForSync: true });
  if (view instanceof Response) return view;
  const { index } = view;
  const row = index.get(uid);
  if (!row) return json({ error: `no pod with uid "${uid}" in the cache`, where: { param: 'uid' } }, { status: 404 });
  const nodeSummary = row.node
    ? summarizeNode(row.node, index.podsOnNode(row.node.metadata.name).map((r) => r.pod))
    : null;
  // the whole object (the cache keeps only some fields); the kept ones when the API server cannot say
  const { namespace, name } = row.pod.metadata;
  let whole: PodDetail['whole'] = null;
  try {
    const pod = await index.cache.fetchPod(namespace ?? '', name);
    if (pod.metadata.uid === uid) whole = { pod };
  } catch (err) {
    whole = { error: err instanceof Error ? err.message : String(err) };
  }
  // newest first, bounded: a crash-looping pod's history is in its counts, not in a thousand entries
  const detail: PodDetail = { row, nodeSummary, events: index.events.forPod(uid).slice(0, 100), whole };
  return json(detail);
}
