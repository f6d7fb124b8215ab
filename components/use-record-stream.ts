'use client';
// The live rows of a derived view (nodes, workloads): its stream's snapshot, then patches by id.
// A lost stream keeps every row shown and says stale since when; a reconnect's snapshot replaces
// them whole. Messages are validated before they touch state.
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { clusterStatusSchema, type ClusterStatus, type ContextInfo } from '@/lib/rows/wire';
import { retryDelayMs, type StreamMeta } from '@/components/stream-session';

type Snapshot<R> = { rows: R[]; status: ClusterStatus; context: ContextInfo; matched: number; total?: number };
type Patch<R> = { upserts: R[]; deletes: string[]; matched: number; total?: number };

/** `extra`: the latest snapshot's fields, as patches update them */
export type RecordStream<R, S> = { rows: Map<string, R>; extra: S | null; meta: StreamMeta };

function metaOf(status: ClusterStatus | null, context: ContextInfo | null, matched: number, total: number): StreamMeta {
  return { status, context, facets: null, total, matched, nodes: 0, connection: 'connecting', disconnectedSince: null, partial: false, params: null };
}

export function useRecordStream<R, S extends Snapshot<R>, P extends Patch<R>>(
  url: string | null,
  schemas: { snapshot: z.ZodType<S>; patch: z.ZodType<P> },
  idOf: (row: R) => string,
  initial: S | null,
): RecordStream<R, S> {
  const [state, setState] = useState<RecordStream<R, S>>(() => ({
    rows: new Map((initial?.rows ?? []).map((r) => [idOf(r), r])),
    extra: initial,
    meta: metaOf(initial?.status ?? null, initial?.context ?? null, initial?.matched ?? 0, initial?.total ?? initial?.matched ?? 0),
  }));

  useEffect(() => {
    if (url === null) return;
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    const connect = () => {
      const source = (es = new EventSource(url));
      source.addEventListener('snapshot', (ev) => {
        const parsed = schemas.snapshot.safeParse(JSON.parse((ev as MessageEvent<string>).data));
        if (!parsed.success) return console.warn('podnode: a snapshot did not validate', parsed.error);
        attempt = 0;
        const s = parsed.data;
        setState({ rows: new Map(s.rows.map((r) => [idOf(r), r])), extra: s, meta: { ...metaOf(s.status, s.context, s.matched, s.total ?? s.matched), connection: 'open' } });
      });
      source.addEventListener('patch', (ev) => {
        const parsed = schemas.patch.safeParse(JSON.parse((ev as MessageEvent<string>).data));
        if (!parsed.success) return console.warn('podnode: a patch did not validate', parsed.error);
        const p = parsed.data;
        setState((old) => {
          const rows = new Map(old.rows);
          for (const id of p.deletes) rows.delete(id);
          for (const r of p.upserts) rows.set(idOf(r), r);
          const fields: Record<string, unknown> = { ...p };
          delete fields.upserts;
          delete fields.deletes;
          return { rows, extra: old.extra && ({ ...old.extra, ...fields } as S), meta: { ...old.meta, matched: p.matched, total: p.total ?? old.meta.total } };
        });
      });
      source.addEventListener('status', (ev) => {
        const parsed = clusterStatusSchema.safeParse(JSON.parse((ev as MessageEvent<string>).data));
        if (!parsed.success) return console.warn('podnode: a status did not validate', parsed.error);
        setState((old) => ({ ...old, meta: { ...old.meta, status: parsed.data } }));
      });
      source.onerror = () => {
        source.close();
        if (stopped) return;
        const since = new Date().toISOString();
        setState((old) => ({ ...old, meta: { ...old.meta, connection: 'retrying', disconnectedSince: old.meta.disconnectedSince ?? since } }));
        retry = setTimeout(connect, retryDelayMs(attempt++, Math.random()));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      es?.close();
    };
  }, [url, schemas, idOf]);

  return state;
}
