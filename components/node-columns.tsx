'use client';
// The node view's columns. Every number is also text; colours only speed up scanning.
import { createColumnHelper } from '@tanstack/react-table';
import type { NodeRow } from '@/lib/rows/wire';
import { CapacityBadge } from '@/components/badges';
import { UsageBar } from '@/components/usage-bar';
import { formatAge, formatBytes, formatClock, formatCpu } from '@/components/format';
import { recordFeatures, type RecordColumn } from '@/components/record-table';

const h = createColumnHelper<typeof recordFeatures, NodeRow>();
const dash = <span className="text-neutral-400 dark:text-neutral-600">—</span>;
const text = (v: string | null) => (v === null || v === '' ? dash : v);

const NOTICE_STYLE = {
  interruption: 'bg-red-100 text-red-800 ring-red-300 dark:bg-red-500/15 dark:text-red-300 dark:ring-red-500/40',
  disruption: 'bg-orange-100 text-orange-800 ring-orange-300 dark:bg-orange-500/15 dark:text-orange-300 dark:ring-orange-500/40',
  rebalance: 'bg-sky-100 text-sky-800 ring-sky-300 dark:bg-sky-500/15 dark:text-sky-300 dark:ring-sky-500/40',
} as const;

function NoticeBadge({ row }: { row: NodeRow }) {
  if (!row.noticeKind || !row.notice) return null;
  return (
    <span
      data-testid="notice-badge"
      data-kind={row.noticeKind}
      title={`${row.notice} from ${row.noticeBy ?? 'unknown'} at ${formatClock(row.noticeAt)}`}
      className={`ml-1.5 inline-flex shrink-0 items-center rounded px-1 text-[10px] font-semibold uppercase ring-1 ring-inset ${NOTICE_STYLE[row.noticeKind]}`}
    >
      {row.noticeKind === 'interruption' ? 'interruption notice' : row.noticeKind}
    </span>
  );
}

function NodeStatus({ row }: { row: NodeRow }) {
  return (
    <span className="flex items-center gap-1.5">
      <span aria-hidden className={`size-1.5 rounded-full ${row.ready === 'Ready' ? 'bg-emerald-500' : 'bg-red-500'}`} />
      <span className={row.ready === 'Ready' ? '' : 'font-medium text-red-700 dark:text-red-400'}>{row.ready}</span>
      {row.cordoned && <span className="rounded bg-neutral-200 px-1 text-[10px] font-semibold uppercase dark:bg-neutral-700">cordoned</span>}
    </span>
  );
}

export function nodeColumns(now: number): RecordColumn<NodeRow>[] {
  return h.columns([
    h.accessor('name', {
      header: 'Node',
      size: 300,
      cell: (c) => (
        <span className="flex min-w-0 items-center">
          <span className="truncate font-medium">{c.getValue()}</span>
          <NoticeBadge row={c.row.original} />
        </span>
      ),
    }),
    h.accessor('ready', { header: 'Status', size: 130, cell: (c) => <NodeStatus row={c.row.original} /> }),
    h.accessor('capacityType', { header: 'Capacity', size: 92, cell: (c) => <CapacityBadge type={c.getValue()} /> }),
    h.accessor('nodeGroup', { header: 'Node group', size: 130, cell: (c) => text(c.getValue()) }),
    h.accessor('zone', { header: 'Zone', size: 100, cell: (c) => text(c.getValue()) }),
    h.accessor('instanceType', { header: 'Instance', size: 104, cell: (c) => text(c.getValue()) }),
    h.accessor('pods', {
      header: 'Pods',
      size: 124,
      sortDescFirst: true,
      cell: (c) => {
        const r = c.row.original;
        return <UsageBar label="Pods" request={r.pods} limit={0} allocatable={r.maxPods} text={`${r.pods} / ${r.maxPods}`} testId="pods-bar" />;
      },
    }),
    h.accessor('cpuRequestPct', {
      header: 'CPU requested',
      size: 210,
      sortDescFirst: true,
      meta: { title: 'Sort by CPU requested, % of allocatable (the tick marks limits)' },
      cell: (c) => {
        const r = c.row.original;
        return <UsageBar label="CPU requested" request={r.cpuRequest} limit={r.cpuLimit} allocatable={r.cpuAllocatable} text={`${r.cpuRequestPct ?? 0}% · ${formatCpu(r.cpuRequest)} / ${formatCpu(r.cpuAllocatable)}`} testId="cpu-bar" />;
      },
    }),
    h.accessor('memoryRequestPct', {
      header: 'Memory requested',
      size: 236,
      sortDescFirst: true,
      meta: { title: 'Sort by memory requested, % of allocatable (the tick marks limits)' },
      cell: (c) => {
        const r = c.row.original;
        return <UsageBar label="Memory requested" request={r.memoryRequest} limit={r.memoryLimit} allocatable={r.memoryAllocatable} text={`${r.memoryRequestPct ?? 0}% · ${formatBytes(r.memoryRequest)} / ${formatBytes(r.memoryAllocatable)}`} testId="memory-bar" />;
      },
    }),
    h.accessor('taints', {
      header: 'Taints',
      size: 200,
      enableSorting: false,
      cell: (c) => (c.getValue().length ? <span className="truncate font-mono text-[11px]" title={c.getValue().join('\n')}>{c.getValue().join(', ')}</span> : dash),
    }),
    h.accessor('createdAt', { header: 'Age', size: 60, meta: { align: 'right' }, cell: (c) => <span title={c.getValue()}>{formatAge(c.getValue(), now)}</span> }),
  ]) as RecordColumn<NodeRow>[];
}
