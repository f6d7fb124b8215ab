'use client';
// /workloads: spot risk per workload, riskiest first, live over the workload stream; the URL holds
// the whole view. A click on a workload opens the pod table on its pods.
import { useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { SortingState } from '@tanstack/react-table';
import { queryToParams, recordFieldOf, type Query } from '@/lib/query';
import { workloadPatchSchema, workloadSnapshotSchema, type WireWorkload, type WorkloadSnapshot, type ViewFailure } from '@/lib/rows/wire';
import { WORKLOAD_FIELDS, WORKLOAD_SCHEMA } from '@/lib/rows/view-schemas';
import { RISK_FLAGS } from '@/lib/podnode/workload-risk';
import { useRecordStream } from '@/components/use-record-stream';
import { queryOf, useSearchState } from '@/components/use-search-state';
import { clauseValues, withClauseValues } from '@/components/view';
import { useDebounced } from '@/components/use-debounced';
import { groupRecords, sortRecords } from '@/components/record-order';
import { RecordTable } from '@/components/record-table';
import { WORKLOAD_COLUMNS } from '@/components/workload-columns';
import { ViewHeader } from '@/components/view-header';
import { FlagsBox } from '@/components/flags-box';
import { SelectorBox } from '@/components/selector-box';
import { podsOfWorkloadHref } from '@/components/workload-links';
import { formatCount } from '@/components/format';
import { queryInputClass } from '@/components/styles';

const idOf = (r: WireWorkload) => r.id;
const schemas = { snapshot: workloadSnapshotSchema, patch: workloadPatchSchema };

type Props = { initialSearch: string; initial: WorkloadSnapshot | null; failure: ViewFailure | null };

export function WorkloadView({ initialSearch, initial, failure }: Props) {
  const router = useRouter();
  const [params, setParams] = useSearchState(initialSearch);
  const search = params.toString();
  const { query, error } = queryOf(params);
  const ctx = params.get('ctx');
  // typing reconnects once it pauses, not per keystroke
  const settled = useDebounced(search, 250);
  // the server refused the URL it rendered: until the view changes, asking again would be refused too
  const refused = failure?.kind === 'request' && settled === initialSearch;
  const streamUrl = error || refused ? null : `/api/workloads/stream${settled ? `?${settled}` : ''}`;
  const { rows, meta } = useRecordStream(streamUrl, schemas, idOf, initial);
  const [quick, setQuick] = useState(() => clauseValues(query, (p) => recordFieldOf(WORKLOAD_FIELDS, p), 'name', '~=')[0] ?? '');

  const setQuery = (q: Query, mode: 'push' | 'replace' = 'push') => {
    const next = queryToParams(q);
    if (ctx) next.set('ctx', ctx);
    setParams(next, mode);
  };
  const fieldOf = (path: string) => recordFieldOf(WORKLOAD_FIELDS, path);
  const withClause = (field: string, op: '=' | '~=', values: string[]) => withClauseValues(query, fieldOf, field, values, op);
  const sorted = useMemo(() => sortRecords(rows.values(), query.sort, WORKLOAD_SCHEMA.tieBreak, WORKLOAD_FIELDS), [rows, query.sort]);
  const items = useMemo(() => groupRecords<WireWorkload, { key: string }>(sorted, null, [], new Set()), [sorted]);
  const counts = useMemo(() => {
    const out: Record<string, number> = {};
    for (const r of rows.values()) for (const f of RISK_FLAGS) if (r[f.key]) out[f.key] = (out[f.key] ?? 0) + 1;
    return out;
  }, [rows]);
  const sorting: SortingState = query.sort.map((s) => ({ id: s.path, desc: s.desc }));
  const message = error ?? (failure && search === initialSearch ? failure.body.error : null);
  const flagOn = (key: string) => clauseValues(query, fieldOf, key).join('/') === 'true';

  return (
    <div className="flex h-dvh flex-col">
      <ViewHeader
        current="/workloads"
        meta={meta}
        ctx={ctx}
        counts={<><b className="font-semibold text-neutral-900 dark:text-neutral-100">{formatCount(meta.matched)}</b> workloads</>}
        exportHref={(format) => `/api/workloads?${new URLSearchParams([...params, ['format', format]])}`}
      />
      <div className="flex flex-wrap items-center gap-2 border-b border-neutral-200 px-3 py-1.5 dark:border-neutral-800">
        <input aria-label="Find workloads by name" value={quick} placeholder="workload name…" className={queryInputClass(false, 'w-44')}
          onChange={(e) => { setQuick(e.target.value); setQuery(withClause('name', '~=', e.target.value ? [e.target.value] : []), 'replace'); }} />
        <div role="group" aria-label="Risk flags" className="flex items-center gap-1">
          {RISK_FLAGS.map((f) => {
            const on = flagOn(f.key);
            return (
              <button key={f.key} type="button" aria-pressed={on} data-flag-filter={f.key} title={f.explain}
                onClick={() => setQuery(withClause(f.key, '=', on ? [] : ['true']))}
                className={`flex h-7 items-center gap-1 rounded-full px-2 text-xs ring-1 ring-inset ${on ? 'bg-red-100 font-semibold text-red-900 ring-red-300 dark:bg-red-500/20 dark:text-red-200' : 'text-neutral-600 ring-neutral-300 hover:bg-neutral-50 dark:text-neutral-300 dark:ring-neutral-700 dark:hover:bg-neutral-800'}`}>
                {f.label}<span className="tabular-nums opacity-75">{formatCount(counts[f.key] ?? 0)}</span>
              </button>
            );
          })}
        </div>
        <SelectorBox param="l" label="Pod label selector" value={query.labelSelector ?? ''} onChange={(l) => setQuery({ ...query, labelSelector: l })} />
        <FlagsBox query={query} schema={WORKLOAD_SCHEMA} placeholder="-n checkout -f allOnSpot=true -e kind=DaemonSet --sort=-spotShare" onApply={(q) => setQuery(q)} />
      </div>
      {message && <p role="alert" data-testid="query-error" className="border-b border-red-200 bg-red-50 px-3 py-1 font-mono text-[11px] text-red-700 dark:border-red-900 dark:bg-red-950 dark:text-red-300">{message}</p>}
      <RecordTable<WireWorkload, { key: string }>
        label="Workloads and their spot risk"
        items={items}
        columns={WORKLOAD_COLUMNS}
        idOf={idOf}
        sorting={sorting}
        onSortingChange={(s) => setQuery({ ...query, sort: s.map((x) => ({ path: x.id, desc: x.desc })) })}
        onToggleGroup={() => undefined}
        renderGroup={() => null}
        onOpen={(row) => router.push(podsOfWorkloadHref(row, query, ctx))}
        rowTestId="workload-row"
        emptyMessage={meta.status?.state === 'syncing' ? 'Listing pods…' : 'No workload matches this view.'}
      />
    </div>
  );
}
