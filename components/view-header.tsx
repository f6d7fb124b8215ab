'use client';
// The header of the node and workload views: views, cluster, freshness, counts, link and export.
import type { ReactNode } from 'react';
import type { StreamMeta } from '@/components/stream-session';
import { StatusPill } from '@/components/status-pill';
import { NavLinks } from '@/components/nav-links';
import { CopyLink } from '@/components/copy-link';

const btn = 'inline-flex h-7 items-center gap-1 rounded border border-neutral-300 px-2 text-xs hover:bg-neutral-50 dark:border-neutral-700 dark:hover:bg-neutral-800';

type Props = { current: '/nodes' | '/workloads'; meta: StreamMeta; ctx: string | null; counts: ReactNode; exportHref: (format: 'csv' | 'json') => string };

export function ViewHeader({ current, meta, ctx, counts, exportHref }: Props) {
  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-neutral-200 px-3 py-2 dark:border-neutral-800">
      <h1 className="text-sm font-semibold tracking-tight">PodNode Explorer</h1>
      <NavLinks current={current} ctx={ctx} />
      {meta.context?.simulated && (
        <span data-testid="demo-badge" title={`Simulated cluster at ${meta.context.server}`} className="rounded bg-fuchsia-100 px-1.5 py-0.5 text-[10px] font-bold uppercase tracking-wider text-fuchsia-800 dark:bg-fuchsia-500/20 dark:text-fuchsia-300">
          Demo · simulated cluster
        </span>
      )}
      <StatusPill meta={meta} />
      <span className="text-xs tabular-nums text-neutral-600 dark:text-neutral-400" data-testid="row-count" data-matched={meta.matched}>{counts}</span>
      <div className="ml-auto flex items-center gap-1.5">
        <CopyLink className={btn} />
        <a className={btn} href={exportHref('csv')} download>CSV</a>
        <a className={btn} href={exportHref('json')} download>JSON</a>
      </div>
    </header>
  );
}
