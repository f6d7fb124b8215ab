// The dashboard, rendered on the server from the URL so the first HTML already holds rows;
// components/dashboard.tsx then hydrates and subscribes to the live stream.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { loadFirstView } from '@/lib/api/first-view';
import type { SearchParams } from '@/lib/api/view';
import { Dashboard } from '@/components/dashboard';
import { Refused } from '@/components/refused';

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(sp)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, v);
  }
  const { result, renderedAt } = await load(sp);
  if (!result.ok && result.failure.kind === 'unauthorized') redirect(`/login?next=${encodeURIComponent(`/?${search}`)}`);
  if (!result.ok && result.failure.kind === 'forbidden') return <Refused message={result.failure.body.error} />;
  return (
    <Dashboard
      initialSearch={search.toString()}
      initial={result.ok ? result.snapshot : null}
      initialFailure={result.ok ? null : result.failure}
      renderedAt={renderedAt}
    />
  );
}

/** Age cells count from the moment the rows were read, so server and client print the same. */
async function load(sp: SearchParams) {
  const result = await loadFirstView(sp, await headers());
  return { result, renderedAt: Date.now() };
}
