// One query's snapshot of the cache: what the stream sends first and what the page renders first.
import 'server-only';
import type { SnapshotEvent } from '@/lib/rows/wire';
import type { RowIndex } from '@/lib/rows/row-index';
import type { Query } from '@/lib/query';
import { selectRows, cellColumns, toWireRow, type CellColumn, type Selection } from '@/lib/rows/select';
import { facetsFor } from '@/lib/rows/facets-memo';

export type QuerySnapshot = { event: SnapshotEvent; selection: Selection; cells: CellColumn[] };

/** `limit` caps the rows sent (the page's first paint); `matched` always counts them all. */
export function snapshotOf(index: RowIndex, query: Query, limit = Infinity): QuerySnapshot {
  const selection = selectRows(index.candidates(query), query);
  const cells = cellColumns(selection.compiled, query);
  const rows = limit < selection.rows.length ? selection.rows.slice(0, limit) : selection.rows;
  const event: SnapshotEvent = {
    rows: rows.map((r) => toWireRow(r, cells)),
    total: index.size,
    matched: selection.rows.length,
    nodes: index.cache.nodes().size,
    status: index.cache.getStatus(),
    context: index.cache.context(),
    facets: facetsFor(index, query),
  };
  return { event, selection, cells };
}
