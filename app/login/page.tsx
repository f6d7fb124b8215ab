// Sign-in for a dashboard started with PODNODE_TOKEN (exposed beyond port-forward). The form posts
// to /api/login, which sets an HttpOnly, SameSite=Strict session cookie; the token never reaches
// the page's scripts.
import { redirect } from 'next/navigation';
import { safeNext } from '@/lib/api/login';

export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const next = safeNext(typeof sp.next === 'string' ? sp.next : undefined);
  if (!process.env.PODNODE_TOKEN) redirect(next);
  const failed = sp.error === '1';
  return (
    <main className="mx-auto mt-24 max-w-sm p-6 text-sm">
      <h1 className="mb-1 text-base font-semibold">PodNode Explorer</h1>
      <p className="mb-4 text-neutral-500">This dashboard needs its access token.</p>
      <form method="post" action="/api/login" className="flex flex-col gap-2">
        <input type="hidden" name="next" value={next} />
        <label htmlFor="token" className="text-xs font-medium">
          Access token
        </label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          className="h-8 rounded border border-neutral-300 px-2 dark:border-neutral-700 dark:bg-neutral-900"
        />
        {failed && (
          <p role="alert" className="text-xs text-red-600 dark:text-red-400">
            That token is not the one this dashboard was started with.
          </p>
        )}
        <button type="submit" className="h-8 rounded bg-blue-600 font-medium text-white hover:bg-blue-700">
          Sign in
        </button>
      </form>
    </main>
  );
}
