'use client';
// A group header row: key, pod count and summed requests; click to collapse or expand.
import type { GroupItem } from '@/components/row-order';
import { formatBytes, formatCount, formatCpuTotal } from '@/components/format';
import { CapacityBadge } from '@/components/badges';

type Props = {
  item: GroupItem;
  label: string | null;
  style: React.CSSProperties;
  rowIndex: number;
  active: boolean;
  onToggle: (key: string) => void;
};

export function GroupRow({ item, label, style, rowIndex, active, onToggle }: Props) {
  return (
    <tr
      aria-rowindex={rowIndex}
      aria-selected={active}
      aria-expanded={!item.collapsed}
      data-group={item.key}
      className={`absolute left-0 top-0 flex border-b border-neutral-200 bg-neutral-100/80 dark:border-neutral-800 dark:bg-neutral-900 ${
        active ? 'outline outline-1 -outline-offset-1 outline-blue-400' : ''
      }`}
      style={style}
    >
      <td className="sticky left-0 flex items-center px-2" style={{ width: '100%' }}>
        <button
          type="button"
          onClick={() => onToggle(item.key)}
          className="flex items-center gap-2 font-medium text-neutral-800 dark:text-neutral-100"
          aria-label={`${item.collapsed ? 'Expand' : 'Collapse'} ${label ?? 'group'} ${item.key}`}
        >
          <span aria-hidden className="w-3 text-neutral-500">{item.collapsed ? '▸' : '▾'}</span>
          {label === 'Capacity' ? <CapacityBadge type={item.key} /> : <span>{item.key}</span>}
        </button>
        <span className="ml-3 tabular-nums text-neutral-500">
          {formatCount(item.count)} pod{item.count === 1 ? '' : 's'} · CPU req {formatCpuTotal(item.cpuRequest)} · Mem req {formatBytes(item.memoryRequest)}
        </span>
      </td>
    </tr>
  );
}
