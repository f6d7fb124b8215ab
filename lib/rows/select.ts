// The query applied to the joined rows: filter, sort, and the wire shape of each row. The API, the
// stream, the page's first render and the CLI all select here.
import type { PodNodeRow } from '@/lib/podnode/types';
import type { WireRow, Facets } from '@/lib/rows/wire';
import { cellOf, compileQuery, compilePath, rowFieldOfPath, sortRows, type Query } from '@/lib/query';

export type Selection = { rows: PodNodeRow[]; compiled: ReturnType<typeof compileQuery> };

export function selectRows(all: Iterable<PodNodeRow>, query: Query): Selection {
  const compiled = compileQuery(query);
  const matched: PodNodeRow[] = [];
  for (const row of all) if (compiled.matches(row)) matched.push(row);
  return { rows: sortRows(matched, query), compiled };
}

export type CellColumn = { path: string; get: (row: PodNodeRow) => unknown };

/** The paths whose values travel as cells: the `o` and `sort` paths that are not row fields (a row
 *  field travels as itself). The page sorts on cells, so a sort path needs one even when not shown. */
export function cellColumns(compiled: Selection['compiled'], query: Query): CellColumn[] {
  const out: CellColumn[] = compiled.columns.filter((c) => rowFieldOfPath(c.path) === undefined);
  for (const key of query.sort) {
    if (rowFieldOfPath(key.path) === undefined && !out.some((c) => c.path === key.path)) {
      out.push({ path: key.path, get: compilePath(key.path, 'sort') });
    }
  }
  return out;
}

export function toWireRow(row: PodNodeRow, cells: CellColumn[]): WireRow {
  // Field by field rather than a rest spread: the pod and node objects must never reach the wire.
  const wire: WireRow = {
    uid: row.uid, namespace: row.namespace, podName: row.podName, status: row.status, ready: row.ready,
    restarts: row.restarts, appName: row.appName, ownerKind: row.ownerKind, ownerName: row.ownerName,
    nodeName: row.nodeName, nodeGroup: row.nodeGroup, capacityType: row.capacityType, zone: row.zone,
    instanceType: row.instanceType, cpuRequest: row.cpuRequest, cpuLimit: row.cpuLimit,
    memoryRequest: row.memoryRequest, memoryLimit: row.memoryLimit, createdAt: row.createdAt,
    warnings: row.warnings,
  };
  if (cells.length > 0) {
    wire.cells = {};
    for (const c of cells) wire.cells[c.path] = cellOf(c.get(row));
  }
  return wire;
}

/** Each facet counts the rows matching the query with that facet's own clauses removed, the way
 *  faceted filters read: picking `spot` still shows how many on-demand pods there are. */
const FACETS: Record<keyof Facets, (r: PodNodeRow) => string | null> = {
  capacityType: (r) => r.capacityType,
  nodeGroup: (r) => r.nodeGroup,
  status: (r) => r.status,
  zone: (r) => r.zone,
  namespace: (r) => r.namespace,
};

export function computeFacets(rows: readonly PodNodeRow[], query: Query): Facets {
  const out = {} as Facets;
  for (const [name, valueOf] of Object.entries(FACETS) as [keyof Facets, (r: PodNodeRow) => string | null][]) {
    // A clause is the facet's own when its path names the same row field, by any alias lib/query knows.
    const own = (c: { path: string }) => rowFieldOfPath(c.path) === name;
    const relaxed: Query = {
      ...query,
      namespaces: name === 'namespace' ? [] : query.namespaces,
      include: query.include.filter((c) => !own(c)),
      exclude: query.exclude.filter((c) => !own(c)),
    };
    const { matches } = compileQuery(relaxed);
    const counts: Record<string, number> = {};
    for (const row of rows) {
      if (!matches(row)) continue;
      const v = valueOf(row) ?? 'NA'; // what a -f clause on a missing value matches
      counts[v] = (counts[v] ?? 0) + 1;
    }
    out[name] = counts;
  }
  return out;
}
