'use client';
// Capacity-type chips with live counts; each toggles a value of the `capacityType=` clause.
import { CAPACITY_TYPES } from '@/lib/podnode/types';
import { capacityStyle } from '@/components/badges';
import { formatCount } from '@/components/format';

type Props = { counts: Record<string, number> | undefined; selected: string[]; onChange: (values: string[]) => void };

export function CapacityChips({ counts, selected, onChange }: Props) {
  const shown = CAPACITY_TYPES.filter((t) => (counts?.[t] ?? 0) > 0 || selected.includes(t));
  return (
    <div role="group" aria-label="Capacity type" className="flex items-center gap-1">
      {shown.map((t) => {
        const on = selected.includes(t);
        return (
          <button
            key={t}
            type="button"
            aria-pressed={on}
            data-capacity={t}
            onClick={() => onChange(on ? selected.filter((x) => x !== t) : [...selected, t])}
            className={`flex h-7 items-center gap-1 rounded-full px-2 text-xs ring-1 ring-inset transition ${
              on ? `${capacityStyle(t).chip} font-semibold` : 'text-neutral-600 ring-neutral-300 hover:bg-neutral-50 dark:text-neutral-300 dark:ring-neutral-700 dark:hover:bg-neutral-800'
            }`}
          >
            <span aria-hidden className={`size-2 rounded-full ${capacityStyle(t).bar}`} />
            {t}
            <span className="tabular-nums opacity-75">{formatCount(counts?.[t] ?? 0)}</span>
          </button>
        );
      })}
    </div>
  );
}
