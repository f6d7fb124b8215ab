'use client';
// Column definitions: the default PodNode columns plus one per custom `o` path, whose value the
// server sends in `row.cells[path]` (null when missing, shown as NA as the CLI prints it).
import { createContext, useContext } from 'react';
import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
} from '@tanstack/react-table';
import type { WireRow } from '@/lib/rows/wire';
import { CapacityBadge, StatusBadge } from '@/components/badges';
import { formatAge, formatBytes, formatCpu } from '@/components/format';

type ColumnMeta = { align?: 'right' };
export const features = tableFeatures({
  rowSortingFeature,
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
  columnMeta: {} as ColumnMeta,
});
export type Features = typeof features;
export type PodColumn = ColumnDef<Features, WireRow, unknown>;

/** the clock Age cells count from: the server's render time first, then a ticking client clock */
export const NowContext = createContext(0);

function Age({ createdAt }: { createdAt: string }) {
  const now = useContext(NowContext);
  return <span title={createdAt}>{formatAge(createdAt, now)}</span>;
}

const dash = <span className="text-neutral-400 dark:text-neutral-600">—</span>;
const text = (v: unknown) => (v === null || v === undefined || v === '' ? dash : String(v));
const cpu = (v: number) => (v > 0 ? formatCpu(v) : dash);
const mem = (v: number) => (v > 0 ? formatBytes(v) : dash);

const h = createColumnHelper<Features, WireRow>();

export const DEFAULT_COLUMNS = h.columns([
  h.accessor('namespace', { header: 'Namespace', size: 108, cell: (c) => c.getValue() }),
  h.accessor('podName', { header: 'Pod', size: 224, cell: (c) => <span className="font-medium">{c.getValue()}</span> }),
  h.accessor('status', { header: 'Status', size: 108, cell: (c) => <StatusBadge status={c.getValue()} /> }),
  h.accessor('ready', { header: 'Ready', size: 62, meta: { align: 'right' }, cell: (c) => c.getValue() }),
  h.accessor('restarts', {
    header: 'Restarts',
    size: 78,
    sortDescFirst: true,
    meta: { align: 'right' },
    cell: (c) => (c.getValue() > 0 ? <span className="text-amber-700 dark:text-amber-400">{c.getValue()}</span> : 0),
  }),
  h.accessor('warnings', {
    header: 'Warnings',
    size: 78,
    sortDescFirst: true,
    meta: { align: 'right' },
    cell: (c) =>
      c.getValue() > 0 ? (
        <span data-testid="warnings" className="font-medium text-amber-700 dark:text-amber-400" title="Warning events held for this pod (open the pod for them)">{c.getValue()}</span>
      ) : (
        <span data-testid="warnings">0</span>
      ),
  }),
  h.accessor('appName', { header: 'App', size: 112, cell: (c) => text(c.getValue()) }),
  h.accessor('nodeName', { header: 'Node', size: 172, cell: (c) => text(c.getValue()) }),
  h.accessor('nodeGroup', { header: 'Node group', size: 112, cell: (c) => text(c.getValue()) }),
  h.accessor('capacityType', { header: 'Capacity', size: 98, cell: (c) => <CapacityBadge type={c.getValue()} /> }),
  h.accessor('zone', { header: 'Zone', size: 94, cell: (c) => text(c.getValue()) }),
  h.accessor('instanceType', { header: 'Instance', size: 98, cell: (c) => text(c.getValue()) }),
  h.accessor('cpuRequest', { header: 'CPU req', size: 84, sortDescFirst: true, meta: { align: 'right' }, cell: (c) => cpu(c.getValue()) }),
  h.accessor('cpuLimit', { header: 'CPU lim', size: 80, sortDescFirst: true, meta: { align: 'right' }, cell: (c) => cpu(c.getValue()) }),
  h.accessor('memoryRequest', { header: 'Mem req', size: 86, sortDescFirst: true, meta: { align: 'right' }, cell: (c) => mem(c.getValue()) }),
  h.accessor('memoryLimit', { header: 'Mem lim', size: 84, sortDescFirst: true, meta: { align: 'right' }, cell: (c) => mem(c.getValue()) }),
  h.accessor('createdAt', { header: 'Age', size: 56, meta: { align: 'right' }, cell: (c) => <Age createdAt={c.getValue()} /> }),
]) as PodColumn[];

export const DEFAULT_COLUMN_IDS = ['namespace', 'podName', 'status', 'ready', 'restarts', 'warnings', 'appName', 'nodeName', 'nodeGroup', 'capacityType', 'zone', 'instanceType', 'cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit', 'createdAt'];

export const COLUMN_LABELS: Record<string, string> = Object.fromEntries(
  DEFAULT_COLUMNS.map((c) => [(c as { accessorKey?: string }).accessorKey ?? '', String(c.header ?? '')]),
);

export function customColumn(path: string): PodColumn {
  return h.accessor((row) => row.cells?.[path] ?? 'NA', {
    id: path,
    header: path,
    size: 200,
    cell: (c) => <span className="font-mono text-[11px]">{c.getValue()}</span>,
  }) as PodColumn;
}

export function alignOf(meta: ColumnMeta | undefined): string {
  return meta?.align === 'right' ? 'justify-end text-right tabular-nums' : '';
}
