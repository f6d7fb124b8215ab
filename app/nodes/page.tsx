// The node view, rendered on the server from the URL; components/node-view.tsx then hydrates and
// follows the node stream.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { loadNodeView } from '@/lib/api/nodes';
import type { SearchParams } from '@/lib/api/view';
import { NodeView } from '@/components/node-view';
import { Refused } from '@/components/refused';

export const dynamic = 'force-dynamic';

export default async function NodesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const search = searchOf(sp);
  const { result, renderedAt } = await load(sp);
  if (!result.ok && result.failure.kind === 'unauthorized') redirect(`/login?next=${encodeURIComponent(`/nodes?${search}`)}`);
  if (!result.ok && result.failure.kind === 'forbidden') return <Refused message={result.failure.body.error} />;
  return <NodeView initialSearch={search} initial={result.ok ? result.snapshot : null} failure={result.ok ? null : result.failure} renderedAt={renderedAt} />;
}

async function load(sp: SearchParams) {
  const result = await loadNodeView(sp, await headers());
  return { result, renderedAt: Date.now() };
}

function searchOf(sp: SearchParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(sp)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, v);
  }
  return search.toString();
}
