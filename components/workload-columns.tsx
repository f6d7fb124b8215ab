'use client';
// The workload view's columns: where the replicas run, how much is on spot, what the
// PodDisruptionBudgets allow, and the risk flags with their explanations as tooltips.
import { createColumnHelper } from '@tanstack/react-table';
import type { WireWorkload } from '@/lib/rows/wire';
import { RISK_FLAGS } from '@/lib/podnode/workload-risk';
import { CapacityBadge } from '@/components/badges';
import { formatBytes, formatCpu } from '@/components/format';
import { recordFeatures, type RecordColumn } from '@/components/record-table';

const h = createColumnHelper<typeof recordFeatures, WireWorkload>();
const dash = <span className="text-neutral-400 dark:text-neutral-600">—</span>;

function RiskFlags({ row }: { row: WireWorkload }) {
  const on = RISK_FLAGS.filter((f) => row[f.key]);
  if (on.length === 0) return <span className="text-neutral-400 dark:text-neutral-600">none</span>;
  return (
    <span className="flex gap-1">
      {on.map((f) => (
        <span key={f.key} data-flag={f.key} title={f.explain}
          className={`rounded px-1 text-[10px] font-semibold ring-1 ring-inset ${f.key === 'pdbBlocks' ? 'bg-neutral-100 text-neutral-700 ring-neutral-300 dark:bg-neutral-800 dark:text-neutral-300 dark:ring-neutral-600' : 'bg-red-50 text-red-800 ring-red-300 dark:bg-red-500/15 dark:text-red-300 dark:ring-red-500/40'}`}>
          {f.label}
        </span>
      ))}
    </span>
  );
}

export const WORKLOAD_COLUMNS = h.columns([
  h.accessor('risk', { header: 'Risk', size: 56, sortDescFirst: true, meta: { align: 'right', title: 'Sort by risk (the flags, weighted, plus the spot share)' }, cell: (c) => c.getValue().toFixed(1) }),
  h.accessor('namespace', { header: 'Namespace', size: 110, cell: (c) => c.getValue() }),
  h.accessor('kind', { header: 'Kind', size: 96, cell: (c) => c.getValue() }),
  h.accessor('name', { header: 'Workload', size: 190, cell: (c) => <span className="truncate font-medium">{c.getValue()}</span> }),
  h.accessor('replicas', { header: 'Replicas', size: 88, sortDescFirst: true, meta: { align: 'right' }, cell: (c) => c.getValue() }),
  h.accessor('ready', { header: 'Ready', size: 66, meta: { align: 'right' }, cell: (c) => (c.getValue() < c.row.original.replicas ? <span className="text-amber-700 dark:text-amber-400">{c.getValue()}</span> : c.getValue()) }),
  h.accessor('spotShare', {
    header: 'On spot',
    size: 112,
    sortDescFirst: true,
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className="flex items-center gap-1.5 tabular-nums" data-testid="spot-share" title={`${r.spotReplicas} of ${r.scheduled} scheduled replicas on spot`}>
          <span aria-hidden className="relative h-2 w-10 rounded-sm bg-neutral-200 dark:bg-neutral-700"><span className="absolute inset-y-0 left-0 rounded-sm bg-amber-500" style={{ width: `${r.spotShare * 100}%` }} /></span>
          {r.spotReplicas}/{r.scheduled}
        </span>
      );
    },
  }),
  h.accessor('zones', { header: 'Zones', size: 150, enableSorting: false, cell: (c) => (c.getValue().length ? <span className="truncate" title={c.getValue().join(', ')}>{c.getValue().length} · {c.getValue().join(', ')}</span> : dash) }),
  h.accessor('nodes', { header: 'Nodes', size: 70, sortDescFirst: true, meta: { align: 'right' }, cell: (c) => c.getValue() }),
  h.accessor('capacityTypes', { header: 'Capacity', size: 150, enableSorting: false, cell: (c) => (c.getValue().length ? <span className="flex gap-1">{c.getValue().map((t) => <CapacityBadge key={t} type={t} />)}</span> : dash) }),
  h.accessor('disruptionsAllowed', {
    header: 'PDB',
    size: 150,
    meta: { title: 'Sort by the disruptions its PodDisruptionBudgets allow now' },
    cell: (c) => {
      const r = c.row.original;
      if (r.pdbs.length === 0) return dash;
      return <span className="truncate" title={r.pdbs.join(', ')}>{r.pdbs.join(', ')} · allows {r.disruptionsAllowed ?? '?'}</span>;
    },
  }),
  h.accessor('allOnSpot', { id: 'flags', header: 'Flags', size: 280, enableSorting: false, cell: (c) => <RiskFlags row={c.row.original} /> }),
  h.accessor('cpuRequest', { header: 'CPU req', size: 76, sortDescFirst: true, meta: { align: 'right' }, cell: (c) => (c.getValue() > 0 ? formatCpu(c.getValue()) : dash) }),
  h.accessor('memoryRequest', { header: 'Mem req', size: 80, sortDescFirst: true, meta: { align: 'right' }, cell: (c) => (c.getValue() > 0 ? formatBytes(c.getValue()) : dash) }),
]) as RecordColumn<WireWorkload>[];
