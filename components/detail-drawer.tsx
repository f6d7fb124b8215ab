'use client';
// The row's full story, fetched on open from /api/podnode/<uid>: the pod and its node at a glance,
// then containers, labels, tolerations and the stripped objects as YAML.
import { useEffect, useState } from 'react';
import { apiErrorSchema, podDetailSchema, type PodDetail } from '@/lib/rows/wire';
import { PodDetails } from '@/components/pod-details';

type Props = { uid: string; ctx: string | null; onClose: () => void; onPodsOnNode: (node: string) => void };
type Loaded = { uid: string; detail: PodDetail | null; error: string | null };

export function DetailDrawer({ uid, ctx, onClose, onPodsOnNode }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    const qs = ctx ? `?ctx=${encodeURIComponent(ctx)}` : '';
    fetch(`/api/podnode/${encodeURIComponent(uid)}${qs}`, { signal: ac.signal })
      .then(async (res) => {
        const body: unknown = await res.json().catch(() => null);
        if (!res.ok) {
          const err = apiErrorSchema.safeParse(body);
          setLoaded({ uid, detail: null, error: err.success ? err.data.error : `HTTP ${res.status}` });
          return;
        }
        // Checked like every stream message: a malformed answer is an error shown, not a crash.
        const detail = podDetailSchema.safeParse(body);
        if (detail.success) setLoaded({ uid, detail: detail.data, error: null });
        else setLoaded({ uid, detail: null, error: `unexpected answer from the dashboard: ${detail.error.issues[0]?.message ?? 'invalid'}` });
      })
      .catch((e: unknown) => {
        if (!ac.signal.aborted) setLoaded({ uid, detail: null, error: e instanceof Error ? e.message : String(e) });
      });
    return () => ac.abort();
  }, [uid, ctx]);
  const current = loaded?.uid === uid ? loaded : null;
  const row = current?.detail?.row;
  return (
    <aside
      role="dialog"
      aria-modal="false"
      aria-labelledby="drawer-title"
      data-testid="detail-drawer"
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-xl flex-col border-l border-neutral-200 bg-white shadow-2xl dark:border-neutral-800 dark:bg-neutral-950"
    >
      <header className="flex items-start gap-2 border-b border-neutral-200 px-4 py-3 dark:border-neutral-800">
        <div className="min-w-0 flex-1">
          <h2 id="drawer-title" className="truncate text-sm font-semibold">
            {row?.podName ?? (current?.error ? 'Pod not found' : 'Loading…')}
          </h2>
          {row && <p className="text-xs text-neutral-500">namespace {row.namespace}</p>}
        </div>
        <button type="button" onClick={onClose} aria-label="Close details (Esc)" className="rounded px-2 py-1 text-sm text-neutral-500 hover:bg-neutral-100 dark:hover:bg-neutral-800">
          ✕
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-auto px-4 py-3 text-xs">
        {current?.error && (
          <p role="alert" className="text-red-600 dark:text-red-400">
            {current.error}
          </p>
        )}
        {current?.detail && <PodDetails row={current.detail.row} node={current.detail.nodeSummary} events={current.detail.events} whole={current.detail.whole} onPodsOnNode={onPodsOnNode} />}
      </div>
    </aside>
  );
}
