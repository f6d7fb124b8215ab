'use client';
// A multi-select over one facet (node group, status, zone, namespace) with live counts from the
// server. Selections become a query clause, so the URL stays a valid /api/podnodes query.
import { useMemo, useState } from 'react';
import { Popover } from '@/components/popover';
import { formatCount } from '@/components/format';

type Props = {
  title: string;
  counts: Record<string, number> | undefined;
  selected: string[];
  onChange: (values: string[]) => void;
};

export function FacetedFilter({ title, counts, selected, onChange }: Props) {
  const [search, setSearch] = useState('');
  const options = useMemo(() => {
    const all = new Set([...Object.keys(counts ?? {}), ...selected]);
    const s = search.toLowerCase();
    return [...all].filter((v) => v.toLowerCase().includes(s)).sort((a, b) => (counts?.[b] ?? 0) - (counts?.[a] ?? 0) || (a < b ? -1 : 1));
  }, [counts, selected, search]);
  const toggle = (v: string) => onChange(selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v]);
  return (
    <Popover
      ariaLabel={`Filter by ${title}`}
      active={selected.length > 0}
      label={
        <>
          <span>{title}</span>
          {selected.length > 0 && (
            <span className="rounded bg-blue-600 px-1 text-[10px] font-semibold text-white">{selected.length === 1 ? selected[0] : selected.length}</span>
          )}
        </>
      }
    >
      <input
        aria-label={`Search ${title}`}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={title}
        className="mb-1 h-7 w-full rounded border border-neutral-300 bg-transparent px-2 outline-none focus:border-blue-500 dark:border-neutral-700"
      />
      <ul role="listbox" aria-multiselectable aria-label={title} className="max-h-72 overflow-auto">
        {options.map((v) => (
          <li key={v} role="option" aria-selected={selected.includes(v)}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 hover:bg-neutral-100 dark:hover:bg-neutral-800">
              <input type="checkbox" checked={selected.includes(v)} onChange={() => toggle(v)} className="accent-blue-600" />
              <span className="flex-1 truncate">{v}</span>
              <span className="tabular-nums text-neutral-500">{formatCount(counts?.[v] ?? 0)}</span>
            </label>
          </li>
        ))}
        {options.length === 0 && <li className="px-2 py-1 text-neutral-500">No values</li>}
      </ul>
      {selected.length > 0 && (
        <button type="button" onClick={() => onChange([])} className="mt-1 w-full rounded px-2 py-1 text-left text-neutral-600 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800">
          Clear {title.toLowerCase()} filter
        </button>
      )}
    </Popover>
  );
}
