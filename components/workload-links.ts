// Where a workload's row leads: the pod table on exactly its pods, with the view's pod selection
// (`l`, `nl`) carried along.
import { emptyQuery, queryToParams, type Query } from '@/lib/query';
import type { WireWorkload } from '@/lib/rows/wire';

export function podsOfWorkloadHref(w: Pick<WireWorkload, 'namespace' | 'kind' | 'name'>, query: Query, ctx: string | null): string {
  const q: Query = { ...emptyQuery(), labelSelector: query.labelSelector, nodeSelector: query.nodeSelector, namespaces: [w.namespace] };
  if (w.kind === 'Pod') q.include.push({ path: 'owner_kind', op: '=', values: ['NA'] }, { path: 'pod_name', op: '=', values: [w.name] });
  else q.include.push({ path: 'owner_kind', op: '=', values: [w.kind] }, { path: 'owner_name', op: '=', values: [w.name] });
  const params = queryToParams(q);
  if (ctx) params.set('ctx', ctx);
  return `/?${params}`;
}
