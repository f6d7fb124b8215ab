'use client';
// Which cluster, how fresh, how many pods; pause, copy-link and export on the right.
import type { StreamMeta } from '@/components/use-podnode-stream';
import { StatusPill } from '@/components/status-pill';
import { formatCount } from '@/components/format';
import { NavLinks } from '@/components/nav-links';
import { CopyLink } from '@/components/copy-link';

type Props = {
  meta: StreamMeta;
  shown: number;
  /** the held rows answer the current query (false while a changed filter loads) */
  fresh: boolean;
  paused: boolean;
  pending: number;
  onPausedChange: (p: boolean) => void;
  exportHref: (format: 'csv' | 'json') => string;
  /** the view's context, carried to the other views */
  ctx: string | null;
};

const btn = 'inline-flex h-7 items-center gap-1 rounded border border-neutral-300 px-2 text-xs hover:bg-neutral-50 dark:border-neutral-700 dark:hover:bg-neutral-800';

export function AppHeader({ meta, shown, fresh, paused, pending, onPausedChange, exportHref, ctx }: Props) {
  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-neutral-200 px-3 py-2 dark:border-neutral-800">
      <h1 className="text-sm font-semibold tracking-tight">PodNode Explorer</h1>
      <NavLinks current="/" ctx={ctx} />
      {meta.context?.simulated && (
        <span data-testid="demo-badge" title={`Simulated cluster at ${meta.context.server}`} className="rounded bg-fuchsia-100 px-1.5 py-0.5 text-[10px] font-bold uppercase tracking-wider text-fuchsia-800 dark:bg-fuchsia-500/20 dark:text-fuchsia-300">
          Demo · simulated cluster
        </span>
      )}
      <StatusPill meta={meta} />
      <span className="text-xs tabular-nums text-neutral-600 dark:text-neutral-400" data-testid="row-count" data-matched={meta.matched} data-shown={shown} data-fresh={fresh}>
        <b className="font-semibold text-neutral-900 dark:text-neutral-100">{formatCount(shown)}</b>
        {shown !== meta.matched && <> of {formatCount(meta.matched)} matching</>} pods · {formatCount(meta.total)} in cluster on {formatCount(meta.nodes)} nodes
        {!fresh && <span className="ml-2 text-neutral-400">updating…</span>}
      </span>
      <div className="ml-auto flex items-center gap-1.5">
        <button type="button" aria-pressed={paused} onClick={() => onPausedChange(!paused)} className={`${btn} ${paused ? 'border-amber-400 bg-amber-50 dark:bg-amber-500/10' : ''}`}>
          {paused ? `Resume${pending ? ` (${formatCount(pending)} waiting)` : ''}` : 'Pause'}
        </button>
        <CopyLink className={btn} />
        <a className={btn} href={exportHref('csv')} download>
          CSV
        </a>
        <a className={btn} href={exportHref('json')} download>
          JSON
        </a>
      </div>
    </header>
  );
}
