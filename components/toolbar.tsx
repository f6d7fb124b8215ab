'use client';
// The filter bar: quick filter, namespaces, capacity chips, facets, selectors, grouping, columns,
// clear-all. Every control but the quick filter edits the query, so the URL stays an API query.
import type { Facets } from '@/lib/rows/wire';
import type { Query } from '@/lib/query';
import type { SetView } from '@/components/use-url-view';
import { facetValues, withFacetValues, GROUPS, type GroupBy, type View } from '@/components/view';
import type { RowField } from '@/lib/query';
import { FacetedFilter } from '@/components/faceted-filter';
import { CapacityChips } from '@/components/capacity-chips';
import { ColumnPicker } from '@/components/column-picker';

type Props = {
  view: View;
  setView: SetView;
  facets: Facets | null;
  searchRef: React.RefObject<HTMLInputElement | null>;
  /** the URL's query did not parse: clear-all is the way out */
  invalid: boolean;
};

const GROUP_LABELS: Record<GroupBy, string> = { node: 'Node', nodeGroup: 'Node group', appName: 'App', namespace: 'Namespace', capacityType: 'Capacity' };

export function Toolbar({ view, setView, facets, searchRef, invalid }: Props) {
  const setQuery = (fn: (q: Query) => Query, mode: 'push' | 'replace' = 'push') => setView((v) => ({ ...v, query: fn(v.query) }), mode);
  const facet = (field: RowField) => ({
    selected: facetValues(view.query, field),
    onChange: (values: string[]) => setQuery((q) => withFacetValues(q, field, values)),
  });
  const q = view.query;
  const filtered = Boolean(invalid || view.q || q.labelSelector || q.nodeSelector || q.namespaces.length || q.include.length || q.exclude.length);
  return (
    <div role="toolbar" aria-label="Filters" className="flex flex-wrap items-center gap-1.5 border-b border-neutral-200 px-3 py-1.5 dark:border-neutral-800">
      <input
        ref={searchRef}
        type="search"
        aria-label="Quick filter (press / to focus)"
        value={view.q}
        onChange={(e) => setView((v) => ({ ...v, q: e.target.value }), 'replace')}
        placeholder="Filter rows…  /"
        className="h-7 w-36 rounded border border-neutral-300 bg-transparent px-2 text-xs outline-none focus:border-blue-500 dark:border-neutral-700"
      />
      <FacetedFilter
        title="Namespace"
        counts={facets?.namespace}
        selected={q.namespaces}
        onChange={(namespaces) => setQuery((x) => ({ ...x, namespaces }))}
      />
      <CapacityChips counts={facets?.capacityType} {...facet('capacityType')} />
      <FacetedFilter title="Node group" counts={facets?.nodeGroup} {...facet('nodeGroup')} />
      <FacetedFilter title="Status" counts={facets?.status} {...facet('status')} />
      <FacetedFilter title="Zone" counts={facets?.zone} {...facet('zone')} />
      <select
        aria-label="Group by"
        value={view.group ?? ''}
        onChange={(e) => setView((v) => ({ ...v, group: (e.target.value || null) as GroupBy | null }))}
        className="ml-auto h-7 rounded border border-neutral-300 bg-white px-1 text-xs dark:border-neutral-700 dark:bg-neutral-900"
      >
        <option value="">No grouping</option>
        {(Object.keys(GROUPS) as GroupBy[]).map((g) => (
          <option key={g} value={g}>
            Group by {GROUP_LABELS[g].toLowerCase()}
          </option>
        ))}
      </select>
      <ColumnPicker
        query={q}
        hidden={view.hide}
        onHiddenChange={(hide) => setView((v) => ({ ...v, hide }))}
        onColumnsChange={(columns, unhide) =>
          setView((v) => ({ ...v, query: { ...v.query, columns }, hide: unhide ? v.hide.filter((h) => h !== unhide) : v.hide }))
        }
      />
      <button
        type="button"
        disabled={!filtered}
        onClick={() =>
          setView((v) => ({ ...v, q: '', query: { ...v.query, labelSelector: undefined, nodeSelector: undefined, namespaces: [], include: [], exclude: [] } }))
        }
        className="h-7 rounded px-2 text-xs text-neutral-600 hover:bg-neutral-100 disabled:opacity-40 dark:text-neutral-300 dark:hover:bg-neutral-800"
      >
        Clear all
      </button>
    </div>
  );
}

export { GROUP_LABELS };
