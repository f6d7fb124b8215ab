'use client';
// What the current view adds up to: pods by capacity type as a bar, requested CPU and memory on
// spot vs on-demand, and pending pods. Follows every filter, the quick filter included.
import { useDeferredValue, useMemo } from 'react';
import { CAPACITY_TYPES } from '@/lib/podnode/types';
import type { Entry } from '@/components/row-store';
import type { RowList } from '@/components/row-list';
import { capacityStyle } from '@/components/badges';
import { formatBytes, formatCount, formatCpuTotal } from '@/components/format';

const SLOT: Readonly<Record<string, number>> = Object.fromEntries(CAPACITY_TYPES.map((t, i) => [t, i]));

function summarize(entries: readonly Entry[]) {
  // counted in typed slots, one per capacity type: 150,000 rows in a few ms
  const count = new Float64Array(CAPACITY_TYPES.length);
  const cpuSum = new Float64Array(CAPACITY_TYPES.length);
  const memSum = new Float64Array(CAPACITY_TYPES.length);
  let pending = 0;
  for (const { row } of entries) {
    const i = SLOT[row.capacityType];
    if (i !== undefined) {
      count[i] = count[i]! + 1;
      cpuSum[i] = cpuSum[i]! + row.cpuRequest;
      memSum[i] = memSum[i]! + row.memoryRequest;
    }
    if (row.status === 'Pending') pending++;
  }
  const pods: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const mem: Record<string, number> = {};
  CAPACITY_TYPES.forEach((t, i) => {
    if (count[i]! > 0) {
      pods[t] = count[i]!;
      cpu[t] = cpuSum[i]!;
      mem[t] = memSum[i]!;
    }
  });
  return { pods, cpu, mem, pending, n: entries.length };
}

/** `setKey` changes when the set of rows does; a re-sort alone does not recount 50,000 rows. The
 *  count runs in a deferred render, after the frame a click or a live patch is waiting for. */
export function SummaryStrip({ entries, setKey }: { entries: RowList<Entry>; setKey: string }) {
  const deferredEntries = useDeferredValue(entries);
  const deferredKey = useDeferredValue(setKey);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const s = useMemo(() => summarize(deferredEntries.items), [deferredKey]);
  return (
    <section aria-label="Summary" data-testid="summary" className="flex flex-wrap items-center gap-x-6 gap-y-1 border-b border-neutral-200 px-3 py-1.5 text-xs dark:border-neutral-800">
      <div className="flex min-w-64 flex-1 items-center gap-2">
        <div className="flex h-2.5 flex-1 overflow-hidden rounded-full bg-neutral-100 dark:bg-neutral-800" role="img" aria-label={CAPACITY_TYPES.map((t) => `${t} ${s.pods[t] ?? 0}`).join(', ')}>
          {CAPACITY_TYPES.map((t) =>
            s.pods[t] ? <div key={t} className={capacityStyle(t).bar} style={{ width: `${(100 * s.pods[t]) / s.n}%` }} title={`${t}: ${formatCount(s.pods[t])} pods`} /> : null,
          )}
        </div>
        <span className="whitespace-nowrap text-neutral-600 dark:text-neutral-400">
          {CAPACITY_TYPES.filter((t) => s.pods[t]).map((t) => `${t} ${formatCount(s.pods[t]!)}`).join(' · ') || 'no pods'}
        </span>
      </div>
      {(['spot', 'on-demand'] as const).map((t) => (
        <span key={t} className="whitespace-nowrap text-neutral-600 dark:text-neutral-400">
          <span className={`mr-1 inline-block size-2 rounded-full ${capacityStyle(t).bar}`} aria-hidden />
          {t} requests <b className="font-semibold tabular-nums text-neutral-900 dark:text-neutral-100">{formatCpuTotal(s.cpu[t] ?? 0)}</b> CPU ·{' '}
          <b className="font-semibold tabular-nums text-neutral-900 dark:text-neutral-100">{formatBytes(s.mem[t] ?? 0)}</b>
        </span>
      ))}
      <span className={`whitespace-nowrap ${s.pending ? 'font-semibold text-amber-700 dark:text-amber-400' : 'text-neutral-500'}`}>
        {formatCount(s.pending)} pending
      </span>
    </section>
  );
}
