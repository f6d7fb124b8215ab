import { json, viewOf } from '@/lib/api/http';
import { summarizeNode } from '@/lib/podnode';

export const dynamic = 'force-dynamic';

/** Per node: group, capacity type, zone, instance type, allocatable, summed requests/limits, pod count. */
export async function GET(request: Request): Promise<Response> {
  const view = await viewOf(request, { waitForSync: true });
  if (view instanceof Response) return view;
  const { index } = view;
  const nodes = [...index.cache.nodes().values()].map((node) =>
    summarizeNode(node, index.podsOnNode(node.metadata.name).map((r) => r.pod)),
  );
  nodes.sort((a, b) => (a.name < b.name ? -1 : 1));
  return json({ nodes, status: index.cache.getStatus(), context: index.cache.context() });
}
