'use client';
// The view lives in the URL. Discrete actions (a chip, a facet, a sort) push a history entry so
// back/forward restore views; typing replaces the current entry, debounced. Next's router syncs
// with native history calls, so no server round trip happens per keystroke.
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseView, viewToParams, type ParsedView, type View } from '@/components/view';

export type SetView = (next: View | ((v: View) => View), mode?: 'push' | 'replace') => void;

function urlOf(view: View): string {
  const qs = viewToParams(view).toString();
  return `${window.location.pathname}${qs ? `?${qs}` : ''}`;
}

export function useUrlView(initialSearch: string): ParsedView & { setView: SetView } {
  const [parsed, setParsed] = useState<ParsedView>(() => parseView(new URLSearchParams(initialSearch)));
  const pendingReplace = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(parsed.view);

  useEffect(() => {
    const onPop = () => {
      const p = parseView(new URLSearchParams(window.location.search));
      latest.current = p.view;
      setParsed(p);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const setView = useCallback<SetView>((next, mode = 'push') => {
    const view = typeof next === 'function' ? next(latest.current) : next;
    latest.current = view;
    setParsed({ view, error: null });
    if (pendingReplace.current) clearTimeout(pendingReplace.current);
    pendingReplace.current = null;
    if (mode === 'push') {
      const url = urlOf(view);
      if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
    } else {
      pendingReplace.current = setTimeout(() => {
        pendingReplace.current = null;
        window.history.replaceState(null, '', urlOf(latest.current));
      }, 250);
    }
  }, []);

  return { ...parsed, setView };
}
