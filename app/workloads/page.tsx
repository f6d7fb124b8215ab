// The workload view, rendered on the server from the URL; components/workload-view.tsx hydrates and
// follows the workload stream.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { loadWorkloadView } from '@/lib/api/workloads';
import type { SearchParams } from '@/lib/api/view';
import { WorkloadView } from '@/components/workload-view';
import { Refused } from '@/components/refused';

export const dynamic = 'force-dynamic';

export default async function WorkloadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const search = searchOf(sp);
  const result = await loadWorkloadView(sp, await headers());
  if (!result.ok && result.failure.kind === 'unauthorized') redirect(`/login?next=${encodeURIComponent(`/workloads?${search}`)}`);
  if (!result.ok && result.failure.kind === 'forbidden') return <Refused message={result.failure.body.error} />;
  return <WorkloadView initialSearch={search} initial={result.ok ? result.snapshot : null} failure={result.ok ? null : result.failure} />;
}

function searchOf(sp: SearchParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(sp)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, v);
  }
  return search.toString();
}
