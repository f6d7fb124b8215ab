// One query's snapshot of the cache: what the stream sends first and what the page renders first.
import 'server-only';
import type { SnapshotEvent } from '@/lib/rows/wire';
import { cellOf } from '@/lib/query';
import { packRows, type WireSnapshot } from '@/lib/rows/wire-pack';
import type { RowIndex } from '@/lib/rows/row-index';
import type { Query } from '@/lib/query';
import { selectRows, cellColumns, toWireRow, type CellColumn, type Selection } from '@/lib/rows/select';
import { facetsFor } from '@/lib/rows/facets-memo';

export type QuerySnapshot = { event: SnapshotEvent; selection: Selection; cells: CellColumn[] };

/** The query's rows and everything a snapshot says besides them. */
function selectWithMeta(index: RowIndex, query: Query) {
  const selection = selectRows(index.candidates(query), query);
  const cells = cellColumns(selection.compiled, query);
  const meta = {
    total: index.size,
    matched: selection.rows.length,
    nodes: index.cache.nodes().size,
    status: index.cache.getStatus(),
    context: index.cache.context(),
    facets: facetsFor(index, query),
  };
  return { selection, cells, meta };
}

/** `limit` caps the rows sent (the page's first paint); `matched` always counts them all. */
export function snapshotOf(index: RowIndex, query: Query, limit = Infinity): QuerySnapshot {
  const { selection, cells, meta } = selectWithMeta(index, query);
  const rows = limit < selection.rows.length ? selection.rows.slice(0, limit) : selection.rows;
  return { event: { rows: rows.map((r) => toWireRow(r, cells)), ...meta }, selection, cells };
}

/** The stream's first message: the snapshot as row objects, or with `pack` in the compact form
 *  (wire-pack.ts) the page asks for. */
export function streamSnapshotOf(index: RowIndex, query: Query, pack: boolean): { message: WireSnapshot; selection: Selection; cells: CellColumn[] } {
  if (!pack) {
    const { event, selection, cells } = snapshotOf(index, query);
    return { message: event, selection, cells };
  }
  const { selection, cells, meta } = selectWithMeta(index, query);
  const rows = selection.rows;
  const packed = packRows(rows, cells.map((c) => ({ path: c.path, cellOf: (i: number) => cellOf(c.get(rows[i]!)) })));
  return { message: { packed, ...meta }, selection, cells };
}
