'use client';
// Cluster freshness at a glance: `live`, `syncing`, or `stale since 14:02:31`, with the context.
// A lost link to the dashboard itself counts as stale too: the rows on screen stop being current.
import type { StreamMeta } from '@/components/use-podnode-stream';
import { formatClock } from '@/components/format';

export function StatusPill({ meta }: { meta: StreamMeta }) {
  const state = meta.connection === 'retrying' ? 'stale' : (meta.status?.state ?? 'syncing');
  const since = meta.connection === 'retrying' ? meta.disconnectedSince : (meta.status?.staleSince ?? meta.status?.lastSyncAt);
  const reason = meta.connection === 'retrying' ? 'connection to the dashboard lost, reconnecting' : meta.status?.message;
  const tone =
    state === 'live'
      ? 'bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-500/40'
      : state === 'syncing'
        ? 'bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-500/40'
        : 'bg-red-50 text-red-800 ring-red-300 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/40';
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="status-pill"
      data-state={state}
      title={reason ?? undefined}
      className={`inline-flex h-6 items-center gap-1.5 rounded-full px-2.5 text-xs font-medium ring-1 ring-inset ${tone}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${state === 'live' ? 'animate-pulse bg-emerald-500' : state === 'syncing' ? 'bg-sky-500' : 'bg-red-500'}`} />
      {state === 'stale' ? (
        <span suppressHydrationWarning>stale since {formatClock(since)}</span>
      ) : (
        state
      )}
      {meta.context && <span className="font-normal opacity-70">· {meta.context.name}</span>}
    </span>
  );
}
