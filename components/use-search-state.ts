'use client';
// A derived view's URL state: the search string is the view. A discrete change pushes a history
// entry (back restores the previous view), typing replaces the current one; popstate brings the
// URL's view back.
import { useCallback, useEffect, useState } from 'react';

export type SetSearch = (next: URLSearchParams, mode?: 'push' | 'replace') => void;

export function useSearchState(initialSearch: string): [URLSearchParams, SetSearch] {
  const [search, setSearch] = useState(initialSearch);
  useEffect(() => {
    const onPop = () => setSearch(window.location.search.replace(/^\?/, ''));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const set = useCallback<SetSearch>((next, mode = 'push') => {
    const text = next.toString();
    setSearch(text);
    const url = `${window.location.pathname}${text ? `?${text}` : ''}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);
  return [new URLSearchParams(search), set];
}
