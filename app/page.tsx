// The dashboard, rendered on the server from the URL so the first HTML already holds rows;
// components/dashboard.tsx then hydrates and subscribes to the live stream.
import { loadPodNodeView } from '@/lib/api/view';
import { Dashboard } from '@/components/dashboard';

export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(sp)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, v);
  }
  const { result, renderedAt } = await load(sp);
  return (
    <Dashboard
      initialSearch={search.toString()}
      initial={result.ok ? result.snapshot : null}
      initialError={result.ok ? null : result.error}
      renderedAt={renderedAt}
    />
  );
}

/** Age cells count from the moment the rows were read, so server and client print the same. */
async function load(sp: SearchParams) {
  const result = await loadPodNodeView(sp);
  return { result, renderedAt: Date.now() };
}
