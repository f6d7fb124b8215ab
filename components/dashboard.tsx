'use client';
// The page's client root: URL view state → live rows → sorted, filtered, grouped list → table.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SnapshotEvent, ViewFailure } from '@/lib/rows/wire';
import type { Query } from '@/lib/query';
import { useUrlView } from '@/components/use-url-view';
import { usePodnodeStream } from '@/components/use-podnode-stream';
import { useDebounced } from '@/components/use-debounced';
import { useKeyboard } from '@/components/use-keyboard';
import { apiParams, customColumnPaths, sortToState, streamParams, GROUPS, type View } from '@/components/view';
import { advanceSorted, groupEntries, isCurrent, quickFilter, type ListItem, type SortedState } from '@/components/row-order';
import { columnIdOf, rowFieldOfPath } from '@/lib/query';
import { DEFAULT_COLUMN_IDS, NowContext } from '@/components/columns';
import { RowList } from '@/components/row-list';
import { AppHeader } from '@/components/app-header';
import { Toolbar, GROUP_LABELS } from '@/components/toolbar';
import { KkBox } from '@/components/kk-box';
import { SelectorBox } from '@/components/selector-box';
import { SummaryStrip } from '@/components/summary-strip';
import { DataTable } from '@/components/data-table';
import { DetailDrawer } from '@/components/detail-drawer';
import { ClusterErrorBanner, LimitsBanner, QueryErrorBanner } from '@/components/query-error-banner';

type Props = { initialSearch: string; initial: SnapshotEvent | null; initialFailure: ViewFailure | null; renderedAt: number };

/** A pasted kk command with `-o` shows exactly those columns, as kk did. */
function hideFor(query: Query): string[] {
  if (!query.columns.length) return [];
  const named = new Set(query.columns.map((c) => rowFieldOfPath(c.path)));
  return DEFAULT_COLUMN_IDS.filter((id) => !named.has(id as never));
}

export function Dashboard({ initialSearch, initial, initialFailure, renderedAt }: Props) {
  const { view, error, setView: setViewRaw } = useUrlView(initialSearch);
  // A request error blocks the stream until the view changes; a cluster error does not (the
  // stream keeps retrying, and the banner goes once it delivers).
  const [serverError, setServerError] = useState(initialFailure?.kind === 'request' ? initialFailure.body : null);
  const clusterError = initialFailure?.kind === 'cluster' ? initialFailure.body.error : null;
  const setView: typeof setViewRaw = (next, mode) => {
    setServerError(null);
    setViewRaw(next, mode);
  };
  const [paused, setPaused] = useState(false);
  const wanted = error || serverError ? null : streamParams(view);
  const streamKey = useDebounced(wanted, 300);
  const [initialStream] = useState(() => ({ snapshot: initial, partial: initial !== null && initial.rows.length < initial.matched, params: wanted }));
  const { store, version, meta, pending } = usePodnodeStream(streamKey, initialStream, paused);

  const sortSpec = useMemo(() => sortToState(view.query), [view.query]);
  // The sorted rows are derived from the previous render's (moving just the changed rows), so they
  // are kept as state and brought up to date during render when the store or the sort moved on.
  const [sortedState, setSortedState] = useState<SortedState>(() => advanceSorted(null, store, sortSpec));
  let current = sortedState;
  if (!isCurrent(sortedState, store, sortSpec)) {
    current = advanceSorted(sortedState, store, sortSpec);
    setSortedState(current);
  }
  const sorted = current.arr;
  const visible = useMemo(() => quickFilter(sorted, view.q), [sorted, view.q]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const items = useMemo<ListItem[]>(
    () => (view.group ? groupEntries(visible, GROUPS[view.group], collapsed) : visible),
    [visible, view.group, collapsed],
  );
  const itemList = useMemo(() => new RowList(items), [items]);
  const visibleList = useMemo(() => new RowList(visible), [visible]);
  const customPaths = useMemo(() => customColumnPaths(view.query), [view.query]);
  // `o` naming row fields (a kk command) sets the order; custom paths alone are appended.
  const columnOrder = useMemo(
    () => (view.query.columns.some((c) => rowFieldOfPath(c.path)) ? view.query.columns.map((c) => columnIdOf(c.path)) : []),
    [view.query],
  );

  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);

  const [activeIndex, setActiveIndex] = useState(-1);
  const searchRef = useRef<HTMLInputElement>(null);
  const open = (uid: string) => setView((v) => ({ ...v, sel: uid }), 'replace');
  const toggleGroup = (key: string) =>
    setCollapsed((c) => {
      const n = new Set(c);
      if (!n.delete(key)) n.add(key);
      return n;
    });
  useKeyboard({
    searchRef,
    count: items.length,
    setActiveIndex,
    onEnter: () => {
      const it = items[activeIndex];
      if (it?.kind === 'row') open(it.row.uid);
      else if (it) toggleGroup(it.key);
    },
    onEscape: () => view.sel && setView((v) => ({ ...v, sel: null }), 'replace'),
  });

  const shownError = error ?? (serverError ? { message: serverError.error, param: serverError.where?.param } : null);
  const setQuery = (patch: Partial<Query>) => setView((v) => ({ ...v, query: { ...v.query, ...patch } }), 'replace');
  const setSorting = (s: { id: string; desc: boolean }[]) => setView((v: View) => ({ ...v, query: { ...v.query, sort: s.map((x) => ({ path: x.id, desc: x.desc })) } }));

  return (
    <NowContext.Provider value={now}>
      <div className="flex h-dvh flex-col">
        <AppHeader
          meta={meta}
          shown={visible.length}
          fresh={wanted !== null && meta.params === wanted}
          paused={paused}
          pending={pending}
          onPausedChange={setPaused}
          exportHref={(format) => `/api/podnodes?${apiParams(view, format)}`}
          ctx={view.ctx}
        />
        <Toolbar view={view} setView={setView} facets={meta.facets} searchRef={searchRef} invalid={shownError !== null} />
        <div className="flex items-start gap-2 border-b border-neutral-200 px-3 py-1.5 dark:border-neutral-800">
          <span className="pt-1.5 text-[11px] font-semibold text-neutral-500">kk</span>
          <KkBox onApply={(query) => setView((v) => ({ ...v, query, hide: hideFor(query) }))} />
          <SelectorBox param="l" label="Pod label selector" value={view.query.labelSelector ?? ''} onChange={(l) => setQuery({ labelSelector: l })} />
          <SelectorBox param="nl" label="Node label selector" value={view.query.nodeSelector ?? ''} onChange={(nl) => setQuery({ nodeSelector: nl })} />
        </div>
        <SummaryStrip entries={visibleList} setKey={`${version}|${view.q}|${meta.params}`} />
        {shownError && <QueryErrorBanner message={shownError.message} param={shownError.param} />}
        {clusterError && meta.connection !== 'open' && <ClusterErrorBanner message={clusterError} />}
        {meta.status?.limits && meta.status.limits.length > 0 && <LimitsBanner limits={meta.status.limits} />}
        {meta.partial && !shownError && (
          <p className="border-b border-neutral-200 bg-neutral-50 px-3 py-1 text-[11px] text-neutral-500 dark:border-neutral-800 dark:bg-neutral-900">
            Showing the first {visible.length} of {meta.matched} rows while the live stream connects…
          </p>
        )}
        <DataTable
          items={itemList}
          customPaths={customPaths}
          columnOrder={columnOrder}
          sorting={sortSpec}
          onSortingChange={setSorting}
          widths={view.widths}
          onWidthsChange={(widths) => setView((v) => ({ ...v, widths }), 'replace')}
          hidden={view.hide}
          onHiddenChange={(hide) => setView((v) => ({ ...v, hide }))}
          activeIndex={activeIndex}
          onActiveIndexChange={setActiveIndex}
          onOpen={open}
          onToggleGroup={toggleGroup}
          flashAfter={store.lastChangeAt - 2000}
          groupLabel={view.group ? GROUP_LABELS[view.group] : null}
          viewKey={`${streamKey}|${JSON.stringify(sortSpec)}|${view.q}|${view.group}`}
          emptyMessage={shownError ? 'No rows: the query above is not valid.' : meta.connection === 'connecting' && !initial ? 'Loading…' : 'No pods match this view.'}
        />
        {view.sel && (
          <DetailDrawer
            uid={view.sel}
            ctx={view.ctx}
            onClose={() => setView((v) => ({ ...v, sel: null }), 'replace')}
            onPodsOnNode={(node) => setView((v) => ({ ...v, sel: null, q: '', query: { ...v.query, include: [{ path: 'node_name', op: '=', values: [node] }], exclude: [], labelSelector: undefined, nodeSelector: undefined, namespaces: [] } }))}
          />
        )}
      </div>
    </NowContext.Provider>
  );
}
