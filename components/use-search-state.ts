'use client';
// A derived view's URL state: the search string is the view. A discrete change pushes a history
// entry (back restores the previous view), typing replaces the current one; popstate brings the
// URL's view back.
import { useCallback, useEffect, useState } from 'react';
import { emptyQuery, parseQueryParams, QueryError, type Query } from '@/lib/query';

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

/** The URL's query, or why it is not one (the view then shows the message and asks for nothing). */
export function queryOf(params: URLSearchParams): { query: Query; error: string | null } {
  try {
    return { query: parseQueryParams(params), error: null };
  } catch (e) {
    if (e instanceof QueryError) return { query: emptyQuery(), error: e.message };
    throw e;
  }
}
