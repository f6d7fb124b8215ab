'use client';
// The PodNode grid: TanStack Table for columns, sizing, visibility and sort state; TanStack
// Virtual so only the rows in view (plus overscan) are in the DOM, whatever the row count.
// Rows arrive already filtered, sorted and grouped (components/row-order.ts).
import { useEffect, useMemo, useRef } from 'react';
import { useTable, type ColumnSizingState, type SortingState, type Updater, type ColumnVisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { WireRow } from '@/lib/rows/wire';
import { DEFAULT_COLUMNS, alignOf, customColumn, features } from '@/components/columns';
import { HeaderCell } from '@/components/header-cell';
import { GroupRow } from '@/components/group-row';
import type { ListItem } from '@/components/row-order';
import type { RowList } from '@/components/row-list';
import { useScrollAnchor } from '@/components/use-scroll-anchor';

const ROW_HEIGHT = 28;
const apply = <T,>(u: Updater<T>, old: T): T => (typeof u === 'function' ? (u as (o: T) => T)(old) : u);

export type DataTableProps = {
  items: RowList<ListItem>;
  customPaths: string[];
  /** column ids in the order `o` names them; the rest follow in their default order */
  columnOrder: string[];
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  widths: ColumnSizingState;
  onWidthsChange: (w: ColumnSizingState) => void;
  hidden: string[];
  onHiddenChange: (hidden: string[]) => void;
  activeIndex: number;
  onActiveIndexChange: (i: number) => void;
  onOpen: (uid: string) => void;
  onToggleGroup: (key: string) => void;
  /** rows changed after this moment flash */
  flashAfter: number;
  groupLabel: string | null;
  emptyMessage: string;
  /** changes when the query, sort, grouping or quick filter change: scroll goes back to the top */
  viewKey: string;
};

export function DataTable(props: DataTableProps) {
  const { items, customPaths, sorting, widths, hidden, activeIndex } = props;
  const { columnOrder } = props;
  const columns = useMemo(() => {
    const all = [...DEFAULT_COLUMNS, ...customPaths.map(customColumn)];
    const rank = (c: (typeof all)[number], i: number) => {
      const at = columnOrder.indexOf(c.id ?? (c as { accessorKey?: string }).accessorKey ?? '');
      return at >= 0 ? at : columnOrder.length + i;
    };
    return all.map((c, i) => ({ c, r: rank(c, i) })).sort((a, b) => a.r - b.r).map((x) => x.c);
  }, [customPaths, columnOrder]);
  const columnVisibility = useMemo<ColumnVisibilityState>(() => Object.fromEntries(hidden.map((id) => [id, false])), [hidden]);

  const scrollRef = useRef<HTMLDivElement>(null);
  useScrollAnchor(scrollRef, items, ROW_HEIGHT, props.viewKey);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders us itself
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // the server render has no viewport: assume a common one so the first HTML holds rows
    initialRect: { width: 1440, height: 900 },
    // Items keep the virtualizer's default key, their index: every row is ROW_HEIGHT tall, so no
    // measurement needs to follow a row, and a key function whose identity changed with every
    // sort or patch made the virtualizer walk all 150,000 items again each time. React keys the
    // rendered rows by that index too (below).
  });

  // Only the rows in view go to TanStack: building Row objects for 50,000 rows on every patch
  // or keystroke costs hundreds of milliseconds; for the ~60 on screen it costs nothing.
  const virtualItems = virtualizer.getVirtualItems();
  const first = virtualItems[0]?.index ?? 0;
  const last = virtualItems[virtualItems.length - 1]?.index ?? -1;
  const windowRows = useMemo(() => {
    const out: WireRow[] = [];
    for (let i = first; i <= last; i++) {
      const it = items.at(i);
      if (it?.kind === 'row') out.push(it.row);
    }
    return out;
  }, [items, first, last]);

  const table = useTable({
    features,
    columns,
    data: windowRows,
    getRowId: (row) => row.uid,
    manualSorting: true,
    enableMultiSort: true,
    enableSortingRemoval: true,
    columnResizeMode: 'onChange',
    state: { sorting, columnSizing: widths, columnVisibility },
    onSortingChange: (u) => props.onSortingChange(apply(u, sorting)),
    onColumnSizingChange: (u) => props.onWidthsChange(apply(u, widths)),
    onColumnVisibilityChange: (u) => {
      const next = apply(u, columnVisibility);
      props.onHiddenChange(Object.keys(next).filter((id) => next[id] === false));
    },
  });

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < items.length) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, items.length, virtualizer]);

  const rowModel = table.getRowModel();
  const headerGroups = table.getHeaderGroups();
  const totalWidth = table.getTotalSize();

  return (
    <div ref={scrollRef} className="relative min-h-0 flex-1 overflow-auto" data-testid="table-scroll">
      <table
        role="grid"
        aria-label="Pods and the nodes they run on"
        aria-rowcount={items.length + 1}
        className="grid text-xs"
        style={{ width: totalWidth }}
      >
        <thead className="sticky top-0 z-10 grid border-b border-neutral-200 bg-neutral-50 dark:border-neutral-800 dark:bg-neutral-900">
          {headerGroups.map((hg) => (
            <tr key={hg.id} className="flex w-full" aria-rowindex={1}>
              {hg.headers.map((header) => (
                <HeaderCell key={header.id} header={header} multiSort={sorting.length > 1} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((vi) => {
            const item = items.at(vi.index);
            if (!item) return null;
            const style = { transform: `translateY(${vi.start}px)`, height: ROW_HEIGHT, width: totalWidth };
            if (item.kind === 'group') {
              return <GroupRow key={`g:${item.key}`} item={item} label={props.groupLabel} style={style} rowIndex={vi.index + 2} active={vi.index === activeIndex} onToggle={props.onToggleGroup} />;
            }
            const { row: data, changedAt } = item;
            const row = rowModel.rowsById[data.uid];
            if (!row) return null;
            const active = vi.index === activeIndex;
            const flash = changedAt > 0 && changedAt > props.flashAfter;
            return (
              <tr
                // A row keeps its element by position: a sort rewrites the text of the rendered rows
                // instead of building thousands of elements anew. A row that just changed is keyed
                // by its change, so its flash starts again on the next one.
                key={flash ? `${data.uid}:${changedAt}` : `slot:${vi.index}`}
                aria-rowindex={vi.index + 2}
                aria-selected={active}
                data-uid={data.uid}
                onClick={() => {
                  props.onActiveIndexChange(vi.index);
                  props.onOpen(data.uid);
                }}
                className={`absolute left-0 top-0 flex cursor-default border-b border-neutral-100 dark:border-neutral-800/70 ${
                  active ? 'bg-blue-50 outline outline-1 -outline-offset-1 outline-blue-400 dark:bg-blue-500/10' : 'hover:bg-neutral-50 dark:hover:bg-neutral-800/50'
                } ${flash ? 'row-flash' : ''}`}
                style={style}
              >
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.column.id}
                    className={`flex items-center overflow-hidden whitespace-nowrap px-2 ${alignOf(cell.column.columnDef.meta)}`}
                    style={{ width: cell.column.getSize() }}
                  >
                    <span className="truncate">
                      <table.FlexRender cell={cell} />
                    </span>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {items.length === 0 && (
        <p data-testid="empty" className="sticky left-0 px-3 py-8 text-center text-xs text-neutral-500">
          {props.emptyMessage}
        </p>
      )}
    </div>
  );
}
