// "N spot nodes got an interruption notice in the last 10 minutes — M pods on them", linking to
// the table filtered to exactly those nodes' pods.
import Link from 'next/link';
import type { NodeBanner } from '@/lib/rows/wire';
import { formatCount } from '@/components/format';

export function InterruptionBanner({ banner, ctx }: { banner: NodeBanner; ctx: string | null }) {
  if (!banner) return null;
  const href = ctx ? `${banner.href}&ctx=${encodeURIComponent(ctx)}` : banner.href;
  return (
    <div role="alert" data-testid="interruption-banner" data-nodes={banner.nodes} data-pods={banner.pods}
      className="flex flex-wrap items-center gap-2 border-b border-red-200 bg-red-50 px-3 py-1.5 text-xs text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200">
      <span aria-hidden>⚠</span>
      <span>
        <b>{formatCount(banner.nodes)}</b> spot node{banner.nodes === 1 ? '' : 's'} got an interruption notice in the last 10 minutes —{' '}
        <b>{formatCount(banner.pods)}</b> pod{banner.pods === 1 ? '' : 's'} on {banner.nodes === 1 ? 'it' : 'them'}
      </span>
      <Link href={href} className="font-semibold underline underline-offset-2">Show the pods</Link>
    </div>
  );
}
