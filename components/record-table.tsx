'use client';
// The grid of a derived view (nodes, workloads): TanStack Table for columns, sizing and sort
// state, TanStack Virtual so only the rows in view are in the DOM (5,000 nodes or 20,000
// workloads alike), and optional group header rows with their totals.
import { useMemo, useRef, type ReactNode } from 'react';
import { columnSizingFeature, columnResizingFeature, columnVisibilityFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type RowData, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { GroupedItem } from '@/components/record-order';

type ColumnMeta = { align?: 'right'; title?: string };
export const recordFeatures = tableFeatures({ rowSortingFeature, columnSizingFeature, columnResizingFeature, columnVisibilityFeature, columnMeta: {} as ColumnMeta });
export type RecordColumn<R extends RowData> = ColumnDef<typeof recordFeatures, R, unknown>;

const ROW_HEIGHT = 30;

type Props<R extends RowData, G> = {
  label: string;
  items: GroupedItem<R, G>[];
  columns: RecordColumn<R>[];
  idOf: (row: R) => string;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  onToggleGroup: (key: string) => void;
  renderGroup: (item: Extract<GroupedItem<R, G>, { kind: 'group' }>) => ReactNode;
  onOpen: (row: R) => void;
  rowTestId: string;
  emptyMessage: string;
};

export function RecordTable<R extends RowData, G>(props: Props<R, G>) {
  const { items, sorting } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders us itself
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1440, height: 900 },
    getItemKey: (i) => {
      const it = items[i];
      return !it ? i : it.kind === 'group' ? `g:${it.key}` : props.idOf(it.row);
    },
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = virtualItems[0]?.index ?? 0;
  const last = virtualItems[virtualItems.length - 1]?.index ?? -1;
  const windowRows = useMemo(() => {
    const out: R[] = [];
    for (let i = first; i <= last; i++) {
      const it = items[i];
      if (it?.kind === 'row') out.push(it.row);
    }
    return out;
  }, [items, first, last]);

  const table = useTable({
    features: recordFeatures,
    columns: props.columns,
    data: windowRows,
    getRowId: props.idOf,
    manualSorting: true,
    enableMultiSort: true,
    enableSortingRemoval: true,
    columnResizeMode: 'onChange',
    state: { sorting },
    onSortingChange: (u) => props.onSortingChange(typeof u === 'function' ? u(sorting) : u),
  });
  const rowModel = table.getRowModel();
  const totalWidth = table.getTotalSize();

  return (
    <div ref={scrollRef} className="relative min-h-0 flex-1 overflow-auto" data-testid="table-scroll">
      <table role="grid" aria-label={props.label} aria-rowcount={items.length + 1} className="grid text-xs" style={{ width: totalWidth }}>
        <thead className="sticky top-0 z-10 grid border-b border-neutral-200 bg-neutral-50 dark:border-neutral-800 dark:bg-neutral-900">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id} className="flex w-full" aria-rowindex={1}>
              {hg.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const meta = header.column.columnDef.meta;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    className="flex h-7 items-center px-2 text-left font-semibold text-neutral-600 dark:text-neutral-300"
                    style={{ width: header.getSize() }}
                  >
                    <button
                      type="button"
                      onClick={header.column.getToggleSortingHandler()}
                      title={meta?.title ?? `Sort by ${String(header.column.columnDef.header)}`}
                      className={`flex min-w-0 flex-1 items-center gap-1 hover:text-neutral-950 dark:hover:text-white ${meta?.align === 'right' ? 'justify-end' : ''}`}
                    >
                      <span className="truncate">
                        <table.FlexRender header={header} />
                      </span>
                      <span aria-hidden className="shrink-0 text-[10px] text-neutral-400">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((vi) => {
            const item = items[vi.index];
            if (!item) return null;
            const style = { transform: `translateY(${vi.start}px)`, height: ROW_HEIGHT, width: totalWidth };
            if (item.kind === 'group') {
              return (
                <tr key={vi.key} aria-rowindex={vi.index + 2} aria-expanded={!item.collapsed} data-group={item.key}
                  className="absolute left-0 top-0 flex border-b border-neutral-200 bg-neutral-100/80 dark:border-neutral-800 dark:bg-neutral-900" style={style}>
                  <td className="sticky left-0 flex w-full items-center gap-2 px-2">
                    <button type="button" onClick={() => props.onToggleGroup(item.key)} aria-label={`${item.collapsed ? 'Expand' : 'Collapse'} group ${item.key}`} className="w-3 text-neutral-500">
                      {item.collapsed ? '▸' : '▾'}
                    </button>
                    {props.renderGroup(item)}
                  </td>
                </tr>
              );
            }
            const row = rowModel.rowsById[props.idOf(item.row)];
            if (!row) return null;
            return (
              <tr key={vi.key} aria-rowindex={vi.index + 2} data-testid={props.rowTestId} data-id={props.idOf(item.row)}
                onClick={() => props.onOpen(item.row)}
                className="absolute left-0 top-0 flex cursor-pointer border-b border-neutral-100 hover:bg-neutral-50 dark:border-neutral-800/70 dark:hover:bg-neutral-800/50" style={style}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`flex items-center overflow-hidden whitespace-nowrap px-2 ${cell.column.columnDef.meta?.align === 'right' ? 'justify-end text-right tabular-nums' : ''}`} style={{ width: cell.column.getSize() }}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {items.length === 0 && (
        <p data-testid="empty" className="sticky left-0 px-3 py-8 text-center text-xs text-neutral-500">{props.emptyMessage}</p>
      )}
    </div>
  );
}
