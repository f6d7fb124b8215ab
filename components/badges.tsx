// Capacity type and pod status as chips that read without colour too: the text is always there,
// the colour only speeds up scanning.
import type { CapacityType } from '@/lib/podnode/types';

const CAPACITY_STYLE: Record<CapacityType, { chip: string; bar: string; label: string }> = {
  spot: { chip: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-500/15 dark:text-amber-300 dark:ring-amber-500/40', bar: 'bg-amber-500', label: 'spot' },
  'on-demand': { chip: 'bg-blue-100 text-blue-900 ring-blue-300 dark:bg-blue-500/15 dark:text-blue-300 dark:ring-blue-500/40', bar: 'bg-blue-500', label: 'on-demand' },
  reserved: { chip: 'bg-violet-100 text-violet-900 ring-violet-300 dark:bg-violet-500/15 dark:text-violet-300 dark:ring-violet-500/40', bar: 'bg-violet-500', label: 'reserved' },
  fargate: { chip: 'bg-teal-100 text-teal-900 ring-teal-300 dark:bg-teal-500/15 dark:text-teal-300 dark:ring-teal-500/40', bar: 'bg-teal-500', label: 'fargate' },
  unknown: { chip: 'bg-neutral-100 text-neutral-700 ring-neutral-300 dark:bg-neutral-500/15 dark:text-neutral-300 dark:ring-neutral-500/40', bar: 'bg-neutral-400', label: 'unknown' },
};

export function capacityStyle(type: string) {
  return CAPACITY_STYLE[type as CapacityType] ?? CAPACITY_STYLE.unknown;
}

export function CapacityBadge({ type }: { type: string }) {
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-px text-[11px] font-medium leading-4 ring-1 ring-inset ${capacityStyle(type).chip}`}>
      {type}
    </span>
  );
}

function statusTone(status: string): string {
  if (status === 'Running' || status === 'Completed' || status === 'Succeeded') return 'bg-emerald-500';
  if (status === 'Pending' || status.startsWith('Init') || status === 'ContainerCreating' || status === 'Terminating') return 'bg-amber-500';
  return 'bg-red-500';
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden className={`size-1.5 shrink-0 rounded-full ${statusTone(status)}`} />
      <span className={status === 'Running' || status === 'Completed' ? '' : 'font-medium'}>{status}</span>
    </span>
  );
}
