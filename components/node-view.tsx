'use client';
// /nodes: one row per node, grouped by node group or capacity type with totals, live over the
// node stream; the URL holds the whole view. A click on a node opens the pod table on its pods.
import { useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { SortingState } from '@tanstack/react-table';
import { queryToParams, recordFieldOf, type Query } from '@/lib/query';
import { nodePatchSchema, nodeSnapshotSchema, type NodeRow, type NodeSnapshot, type NodeGroupTotals, type ViewFailure } from '@/lib/rows/wire';
import { NODE_SCHEMA, NODE_GROUPINGS, type NodeGrouping } from '@/lib/rows/view-schemas';
import { NODE_ROW_FIELDS } from '@/lib/podnode/node-row';
import { useRecordStream } from '@/components/use-record-stream';
import { queryOf, useSearchState } from '@/components/use-search-state';
import { clauseValues, withClauseValues } from '@/components/view';
import { useDebounced } from '@/components/use-debounced';
import { groupRecords, sortRecords } from '@/components/record-order';
import { RecordTable } from '@/components/record-table';
import { nodeColumns } from '@/components/node-columns';
import { ViewHeader } from '@/components/view-header';
import { InterruptionBanner } from '@/components/interruption-banner';
import { CapacityChips } from '@/components/capacity-chips';
import { FlagsBox } from '@/components/flags-box';
import { CapacityBadge } from '@/components/badges';
import { formatBytes, formatCount, formatCpuTotal } from '@/components/format';
import { queryInputClass } from '@/components/styles';

const idOf = (r: NodeRow) => r.name;
const schemas = { snapshot: nodeSnapshotSchema, patch: nodePatchSchema };
const GROUP_LABELS: Record<NodeGrouping, string> = { nodeGroup: 'node group', capacityType: 'capacity type', none: 'nothing' };

type Props = { initialSearch: string; initial: NodeSnapshot | null; failure: ViewFailure | null; renderedAt: number };

export function NodeView({ initialSearch, initial, failure, renderedAt }: Props) {
  const router = useRouter();
  const [params, setParams] = useSearchState(initialSearch);
  const search = params.toString();
  const { query, error } = queryOf(params);
  const grouping = (NODE_GROUPINGS as readonly string[]).includes(params.get('group') ?? 'nodeGroup') ? ((params.get('group') ?? 'nodeGroup') as NodeGrouping) : 'nodeGroup';
  const ctx = params.get('ctx');
  // typing reconnects once it pauses, not per keystroke
  const settled = useDebounced(search, 250);
  // the server refused the URL it rendered: until the view changes, asking again would be refused too
  const refused = failure?.kind === 'request' && settled === initialSearch;
  const streamUrl = error || refused ? null : `/api/nodes/stream${settled ? `?${settled}` : ''}`;
  const { rows, extra, meta } = useRecordStream(streamUrl, schemas, idOf, initial);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [quick, setQuick] = useState(() => clauseValues(query, (p) => recordFieldOf(NODE_ROW_FIELDS, p), 'name', '~=')[0] ?? '');

  const setQuery = (q: Query, extraParams: Record<string, string | null> = {}, mode: 'push' | 'replace' = 'push') => {
    const next = queryToParams(q);
    for (const key of ['group', 'ctx']) {
      const v = key in extraParams ? extraParams[key] : params.get(key);
      if (v) next.set(key, v);
    }
    setParams(next, mode);
  };
  const sorted = useMemo(() => sortRecords(rows.values(), query.sort, NODE_SCHEMA.tieBreak, NODE_ROW_FIELDS), [rows, query.sort]);
  const items = useMemo(
    () => groupRecords<NodeRow, NodeGroupTotals>(sorted, grouping === 'none' ? null : (r) => r[grouping] ?? 'NA', extra?.groups ?? [], collapsed),
    [sorted, grouping, extra?.groups, collapsed],
  );
  const columns = useMemo(() => nodeColumns(renderedAt), [renderedAt]);
  const sorting: SortingState = query.sort.map((s) => ({ id: s.path, desc: s.desc }));
  const fieldOf = (path: string) => recordFieldOf(NODE_ROW_FIELDS, path);
  const capacity = clauseValues(query, fieldOf, 'capacityType');
  const withClause = (field: string, op: '=' | '~=', values: string[]) => withClauseValues(query, fieldOf, field, values, op);
  const message = error ?? (failure && search === initialSearch ? failure.body.error : null);

  return (
    <div className="flex h-dvh flex-col">
      <ViewHeader
        current="/nodes"
        meta={meta}
        ctx={ctx}
        counts={<><b className="font-semibold text-neutral-900 dark:text-neutral-100">{formatCount(meta.matched)}</b>{meta.matched !== meta.total && <> of {formatCount(meta.total)}</>} nodes</>}
        exportHref={(format) => `/api/nodes?${new URLSearchParams([...params, ['format', format]])}`}
      />
      <InterruptionBanner banner={extra?.banner ?? null} ctx={ctx} />
      <div className="flex flex-wrap items-center gap-2 border-b border-neutral-200 px-3 py-1.5 dark:border-neutral-800">
        <input
          aria-label="Find nodes by name"
          value={quick}
          onChange={(e) => {
            setQuick(e.target.value);
            setQuery(withClause('name', '~=', e.target.value ? [e.target.value] : []), {}, 'replace');
          }}
          placeholder="node name…"
          className={queryInputClass(false, 'w-44')}
        />
        <CapacityChips counts={extra?.capacityCounts} selected={capacity} onChange={(values) => setQuery(withClause('capacityType', '=', values))} />
        <label className="flex items-center gap-1 text-xs text-neutral-600 dark:text-neutral-300">
          Group by
          <select
            aria-label="Group by"
            value={grouping}
            onChange={(e) => setQuery(query, { group: e.target.value === 'nodeGroup' ? null : e.target.value })}
            className="h-7 rounded border border-neutral-300 bg-transparent px-1 text-xs dark:border-neutral-700"
          >
            {NODE_GROUPINGS.map((g) => <option key={g} value={g}>{GROUP_LABELS[g]}</option>)}
          </select>
        </label>
        <FlagsBox query={query} schema={NODE_SCHEMA} placeholder="-f cordoned=true --node-selector karpenter.sh/nodepool=default -e ready=Ready --sort=-cpuRequestPct" onApply={(q) => setQuery(q)} />
      </div>
      {message && <p role="alert" data-testid="query-error" className="border-b border-red-200 bg-red-50 px-3 py-1 font-mono text-[11px] text-red-700 dark:border-red-900 dark:bg-red-950 dark:text-red-300">{message}</p>}
      <RecordTable<NodeRow, NodeGroupTotals>
        label="Nodes, how full they are and what they run"
        items={items}
        columns={columns}
        idOf={idOf}
        sorting={sorting}
        onSortingChange={(s) => setQuery({ ...query, sort: s.map((x) => ({ path: x.id, desc: x.desc })) })}
        onToggleGroup={(key) => setCollapsed((old) => { const next = new Set(old); if (next.has(key)) next.delete(key); else next.add(key); return next; })}
        renderGroup={(item) => <GroupTotals keyLabel={item.key} totals={item.totals} byCapacity={grouping === 'capacityType'} />}
        onOpen={(row) => router.push(`/?${new URLSearchParams([['f', `node_name=${row.name}`], ...(ctx ? [['ctx', ctx]] : [])])}`)}
        rowTestId="node-row"
        emptyMessage={meta.status?.state === 'syncing' ? 'Listing nodes…' : 'No node matches this view.'}
      />
    </div>
  );
}

function GroupTotals({ keyLabel, totals, byCapacity }: { keyLabel: string; totals: NodeGroupTotals | undefined; byCapacity: boolean }) {
  return (
    <span className="flex items-center gap-3" data-testid="group-totals">
      {byCapacity ? <CapacityBadge type={keyLabel} /> : <b className="font-semibold">{keyLabel}</b>}
      {totals && (
        <span className="tabular-nums text-neutral-600 dark:text-neutral-400">
          {formatCount(totals.nodes)} node{totals.nodes === 1 ? '' : 's'} · {formatCount(totals.pods)} / {formatCount(totals.maxPods)} pods · CPU {formatCpuTotal(totals.cpuRequest)} / {formatCpuTotal(totals.cpuAllocatable)} ({totals.cpuRequestPct ?? 0}%) · Mem {formatBytes(totals.memoryRequest)} / {formatBytes(totals.memoryAllocatable)} ({totals.memoryRequestPct ?? 0}%)
        </span>
      )}
    </span>
  );
}
