'use client';
// One column header: sort button (shift-click adds a sort key), aria-sort, and a resize handle.
import { FlexRender, type Header } from '@tanstack/react-table';
import type { WireRow } from '@/lib/rows/wire';
import { alignOf, type Features } from '@/components/columns';

type Props = { header: Header<Features, WireRow, unknown>; multiSort: boolean };

export function HeaderCell({ header, multiSort }: Props) {
  const column = header.column;
  const sorted = column.getIsSorted();
  const sortIndex = column.getSortIndex();
  const resize = header.getResizeHandler();
  const label = typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id;
  return (
    <th
      scope="col"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      className="group relative flex h-7 items-center px-2 text-left font-semibold text-neutral-600 dark:text-neutral-300"
      style={{ width: header.getSize() }}
    >
      <button
        type="button"
        onClick={column.getToggleSortingHandler()}
        title={`Sort by ${label} (shift-click to add to the sort)`}
        className={`flex min-w-0 flex-1 items-center gap-1 hover:text-neutral-950 dark:hover:text-white ${alignOf(column.columnDef.meta)}`}
      >
        <span className="truncate">
          <FlexRender header={header} />
        </span>
        <span aria-hidden className="shrink-0 text-[10px] text-neutral-400">
          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
          {sorted && multiSort ? sortIndex + 1 : ''}
        </span>
      </button>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${label}`}
        onMouseDown={resize}
        onTouchStart={resize}
        onDoubleClick={() => column.resetSize()}
        className={`absolute right-0 top-0 h-full w-1.5 cursor-col-resize select-none touch-none ${
          column.getIsResizing() ? 'bg-blue-500' : 'group-hover:bg-neutral-300 dark:group-hover:bg-neutral-700'
        }`}
      />
    </th>
  );
}
